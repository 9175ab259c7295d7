package dev.surge.orders.web;

import dev.surge.orders.domain.OrderExport;
import dev.surge.orders.domain.OrderReads;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The order export over HTTP: the admin order list's filters in, CSV streamed out. */
@Component
class OrderExportHandler {

    /** Lines per written buffer: fewer, larger writes than one per line, still a bounded amount of memory. */
    static final int LINES_PER_WRITE = 256;

    private final OrderExport export;
    private final ClientIp clientIp;

    OrderExportHandler(OrderExport export, ClientIp clientIp) {
        this.export = export;
        this.clientIp = clientIp;
    }

    Mono<ServerResponse> exportCsv(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        OrderReads.Filter filter = OrdersHandler.staffFilter(params);
        params.validate();
        Origin origin = Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
        return Principals.current()
                .flatMap(caller -> export.csv(caller.userId(), filter, origin))
                .flatMap(lines -> ServerResponse.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"orders.csv\"")
                        .cacheControl(CacheControl.noStore())
                        .body(lines.buffer(LINES_PER_WRITE).map(OrderExportHandler::buffer), DataBuffer.class));
    }

    /** A seller's own order lines ({@code status}, {@code from}, {@code to} as the list's), CSV streamed out. */
    Mono<ServerResponse> sellerExportCsv(ServerRequest request) {
        java.util.UUID merchantId = dev.surge.platform.web.PathIds.required(request, "merchantId",
                dev.surge.orders.domain.OrderErrors.MerchantNotFound::new);
        QueryParams params = QueryParams.of(request);
        OrderReads.Filter filter = OrderReads.Filter.forStaff(OrdersHandler.statuses(params))
                .placedBetween(params.instant("from"), params.instant("to"));
        params.validate();
        Origin origin = Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
        return Principals.current()
                .flatMap(caller -> export.sellerCsv(caller, merchantId, filter, origin))
                .flatMap(lines -> ServerResponse.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"order-lines.csv\"")
                        .cacheControl(CacheControl.noStore())
                        .body(lines.buffer(LINES_PER_WRITE).map(OrderExportHandler::buffer), DataBuffer.class));
    }

    private static DataBuffer buffer(List<String> lines) {
        return DefaultDataBufferFactory.sharedInstance.wrap(String.join("", lines).getBytes(StandardCharsets.UTF_8));
    }
}
