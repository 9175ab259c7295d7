package dev.surge.platform.events.web;

import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.ValidationFailed;
import dev.surge.platform.events.DeadLetter;
import dev.surge.platform.events.DeadLetterQuery;
import dev.surge.platform.events.DeadLetterStatus;
import dev.surge.platform.events.DeadLetters;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Dead letters for staff: parses filters and ids, delegates to {@link DeadLetters}, answers. */
@Component
class DeadLettersHandler {

    /** Topic and handler names as the code writes them ({@code surge.orders}, {@code notifications.order-paid}). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final DeadLetters deadLetters;
    private final ClientIp clientIp;

    DeadLettersHandler(DeadLetters deadLetters, ClientIp clientIp) {
        this.deadLetters = deadLetters;
        this.clientIp = clientIp;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Mono.defer(() -> {
            QueryParams params = QueryParams.of(request);
            String topic = name(params, "topic");
            String handler = name(params, "handler");
            DeadLetterStatus status = params.choice("status", DeadLetterStatus.class, null);
            int limit = params.integer("limit", 50, 1, 200);
            String cursor = params.text("cursor").orElse(null);
            params.validate();
            return deadLetters.page(new DeadLetterQuery(topic, handler, status), limit, cursor);
        }).flatMap(page -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(DeadLetterPage.of(page)));
    }

    Mono<ServerResponse> replay(ServerRequest request) {
        return Mono.fromSupplier(() -> id(request))
                .flatMap(id -> Principals.current().flatMap(caller -> deadLetters.replay(id, caller.userId(), origin(request))))
                .flatMap(letter -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(letter));
    }

    Mono<ServerResponse> replayAll(ServerRequest request) {
        return Mono.defer(() -> {
            QueryParams params = QueryParams.of(request);
            String topic = name(params, "topic");
            String handler = name(params, "handler");
            params.validate();
            DeadLetterQuery query = new DeadLetterQuery(topic, handler, DeadLetterStatus.PENDING);
            return Principals.current().flatMap(caller -> deadLetters.replayAll(query, caller.userId(), origin(request)));
        }).flatMap(count -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(new Replayed(count)));
    }

    Mono<ServerResponse> discard(ServerRequest request) {
        return Mono.fromSupplier(() -> id(request))
                .flatMap(id -> Principals.current().flatMap(caller -> deadLetters.discard(id, caller.userId(), origin(request))))
                .flatMap(letter -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(letter));
    }

    /**
     * The dead letter's id. Unlike most resources, a malformed one is 400, not 404: these are staff routes, so
     * there is nothing to hide, and a typo is told apart from a row that is gone.
     */
    private static UUID id(ServerRequest request) {
        UUID id = Ids.parseOrNull(request.pathVariable("id"));
        if (id == null) {
            throw new ValidationFailed("The dead letter id is malformed",
                    new FieldViolation("id", "malformed", "must be a dead letter id (a UUID)"));
        }
        return id;
    }

    private static String name(QueryParams params, String parameter) {
        String value = params.text(parameter).orElse(null);
        if (value != null && !NAME.matcher(value).matches()) {
            params.reject(parameter, "invalid", "A name such as surge.orders or notifications.order-paid");
            return null;
        }
        return value;
    }

    private Origin origin(ServerRequest request) {
        return Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
    }

    /** One page of dead letters; {@code nextCursor} is null on the last page. */
    record DeadLetterPage(List<DeadLetter> items, String nextCursor) {

        static DeadLetterPage of(Page<DeadLetter> page) {
            return new DeadLetterPage(page.items(), page.nextCursor());
        }
    }

    /** What a bulk replay did: how many dead letters it sent back. */
    record Replayed(long replayed) {
    }
}
