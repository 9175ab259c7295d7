package dev.surge.payments.web;

import dev.surge.payments.domain.Dispute;
import dev.surge.payments.domain.DisputeQueue;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.web.QueryParams;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Finance's queue of payment disputes over HTTP. */
@Component
class DisputesHandler {

    static final int MAX_LIMIT = 500;

    private final DisputeQueue queue;

    DisputesHandler(DisputeQueue queue) {
        this.queue = queue;
    }

    /** A dispute in finance's queue. */
    record DisputeResponse(UUID id, String provider, String disputeReference, UUID paymentId, UUID orderId, String status,
            String providerStatus, String reason, Money amount, Instant openedAt, Instant closedAt, Instant updatedAt) {

        static DisputeResponse of(Dispute d) {
            return new DisputeResponse(d.id(), d.provider(), d.disputeReference(), d.paymentId(), d.orderId(), d.status(),
                    d.providerStatus(), d.reason(), d.amount(), d.openedAt(), d.closedAt(), d.updatedAt());
        }
    }

    /** The disputes of a filter, oldest first. */
    record DisputeList(String status, List<DisputeResponse> disputes) {
    }

    Mono<ServerResponse> disputes(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        String status = params.text("status").map(text -> text.toUpperCase(Locale.ROOT)).orElse("OPEN");
        DisputeQueue.Filter filter = null;
        try {
            filter = DisputeQueue.Filter.valueOf(status);
        } catch (IllegalArgumentException e) {
            params.reject("status", "invalid", "open, won, lost or all");
        }
        int limit = params.integer("limit", 100, 1, MAX_LIMIT);
        params.validate();
        DisputeQueue.Filter chosen = filter;
        return queue.list(chosen, limit).map(DisputeResponse::of).collectList()
                .flatMap(list -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(new DisputeList(chosen.name(), list)));
    }
}
