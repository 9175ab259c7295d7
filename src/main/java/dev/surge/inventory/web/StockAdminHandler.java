package dev.surge.inventory.web;

import dev.surge.inventory.UnknownVariant;
import dev.surge.inventory.domain.StockAdminService;
import dev.surge.inventory.web.InventoryRequests.AdjustStockRequest;
import dev.surge.inventory.web.InventoryRequests.SetStockRequest;
import dev.surge.inventory.web.InventoryResponses.StockLevelListResponse;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Stock levels and audited stock changes for the back office. */
@Component
class StockAdminHandler {

    private final StockAdminService stock;
    private final RequestBodies bodies;
    private final ClientIp clientIp;

    StockAdminHandler(StockAdminService stock, RequestBodies bodies, ClientIp clientIp) {
        this.stock = stock;
        this.bodies = bodies;
        this.clientIp = clientIp;
    }

    Mono<ServerResponse> report(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        boolean lowOnly = Boolean.TRUE.equals(params.bool("lowStock"));
        int limit = params.integer("limit", 100, 1, 1000);
        params.validate();
        return stock.report(lowOnly, limit).collectList()
                .flatMap(items -> ServerResponse.ok().bodyValue(new StockLevelListResponse(items)));
    }

    Mono<ServerResponse> level(ServerRequest request) {
        return variantId(request).flatMap(stock::level).flatMap(level -> ServerResponse.ok().bodyValue(level));
    }

    Mono<ServerResponse> set(ServerRequest request) {
        return variantId(request).flatMap(variant -> Principals.current()
                        .flatMap(caller -> bodies.read(request, SetStockRequest.class)
                                .flatMap(body -> stock.set(variant, body.onHand(), body.lowStockThreshold(),
                                        body.reason().strip(), caller.userId(), origin(request)))))
                .flatMap(level -> ServerResponse.ok().bodyValue(level));
    }

    Mono<ServerResponse> adjust(ServerRequest request) {
        return variantId(request).flatMap(variant -> Principals.current()
                        .flatMap(caller -> bodies.read(request, AdjustStockRequest.class)
                                .flatMap(body -> stock.adjust(variant, body.delta(), body.reason().strip(),
                                        caller.userId(), origin(request)))))
                .flatMap(level -> ServerResponse.ok().bodyValue(level));
    }

    AuditTrail.Origin origin(ServerRequest request) {
        return AuditTrail.Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
    }

    private static Mono<UUID> variantId(ServerRequest request) {
        return Mono.fromSupplier(() -> PathIds.required(request, "variantId", UnknownVariant::new));
    }
}
