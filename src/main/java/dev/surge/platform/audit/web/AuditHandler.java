package dev.surge.platform.audit.web;

import dev.surge.platform.audit.AuditEntry;
import dev.surge.platform.audit.AuditLog;
import dev.surge.platform.audit.AuditQuery;
import dev.surge.platform.paging.Page;
import dev.surge.platform.web.QueryParams;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Parses the audit log's filters, reads one page, answers it. */
@Component
class AuditHandler {

    /** Action names as the code writes them: lower case words joined by dots and underscores. */
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.]{0,99}");

    private final AuditLog audit;

    AuditHandler(AuditLog audit) {
        this.audit = audit;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        UUID actor = params.uuid("actor");
        String action = params.text("action").orElse(null);
        if (action != null && !ACTION.matcher(action).matches()) {
            params.reject("action", "invalid", "An action name such as login.succeeded");
            action = null;
        }
        UUID target = params.uuid("target");
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            params.reject("to", "out_of_range", "must be after from");
        }
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return audit.page(new AuditQuery(actor, action, target, from, to), limit, cursor)
                .flatMap(page -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(AuditPage.of(page)));
    }

    /** One page of the audit log; {@code nextCursor} is null on the last page. */
    record AuditPage(List<AuditEntry> items, String nextCursor) {

        static AuditPage of(Page<AuditEntry> page) {
            return new AuditPage(page.items(), page.nextCursor());
        }
    }
}
