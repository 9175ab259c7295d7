package dev.surge.reporting.operations.web;

import static dev.surge.reporting.operations.web.CsvReports.cells;

import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import dev.surge.reporting.operations.domain.InventoryFigures.Movement;
import dev.surge.reporting.operations.domain.InventoryFigures.SellThrough;
import dev.surge.reporting.operations.domain.InventoryFigures.StockLine;
import dev.surge.reporting.operations.domain.InventoryReports;
import dev.surge.reporting.operations.domain.MovementFilter;
import dev.surge.reporting.operations.domain.ReportScope;
import dev.surge.reporting.operations.domain.ReportScopes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Stock now, the stock ledger and sell-through: parses the filters, scopes them to the caller, answers JSON or CSV. */
@Component
class InventoryReportsHandler {

    private static final Pattern REASON = Pattern.compile("[a-z_]{1,40}");
    private static final Duration LONGEST_PERIOD = Duration.ofDays(731);

    private final InventoryReports reports;
    private final ReportScopes scopes;

    InventoryReportsHandler(InventoryReports reports, ReportScopes scopes) {
        this.reports = reports;
        this.scopes = scopes;
    }

    Mono<ServerResponse> stock(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        UUID merchant = params.uuid("merchant");
        Boolean low = params.bool("lowStock");
        Long threshold = params.longValue("threshold", 0, 1_000_000);
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        var filter = new InventoryReports.StockFilter(Boolean.TRUE.equals(low), threshold == null ? null : threshold.intValue());
        return scope(merchant).flatMap(scope -> CsvReports.wanted(request)
                ? CsvReports.respond("inventory-stock.csv", List.of("variant_id", "sku", "product_id", "product",
                        "merchant_id", "on_hand", "reserved", "available", "threshold", "low_stock"),
                        reports.allStock(scope, filter).map(InventoryReportsHandler::row))
                : reports.stock(scope, filter, limit, cursor).flatMap(page -> json(ReportPage.of(page))));
    }

    Mono<ServerResponse> movements(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        UUID merchant = params.uuid("merchant");
        UUID variant = params.uuid("variant");
        String reason = params.text("reason").orElse(null);
        if (reason != null && !REASON.matcher(reason).matches()) {
            params.reject("reason", "invalid", "A reason code such as sale, return, adjustment, flash_claim");
            reason = null;
        }
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            params.reject("to", "out_of_range", "must be after from");
        }
        int limit = params.integer("limit", 100, 1, 500);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        MovementFilter filter = new MovementFilter(variant, reason, from, to);
        return scope(merchant).flatMap(scope -> CsvReports.wanted(request)
                ? CsvReports.respond("stock-movements.csv", List.of("id", "at", "variant_id", "sku", "reason",
                        "on_hand_delta", "reserved_delta", "units", "on_hand", "reserved", "reference", "order_id",
                        "reservation_id", "flash_sale_id", "actor", "note"),
                        reports.allMovements(scope, filter).map(InventoryReportsHandler::row))
                : reports.movements(scope, filter, limit, cursor).flatMap(page -> json(ReportPage.of(page))));
    }

    Mono<ServerResponse> sellThrough(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        UUID merchant = params.uuid("merchant");
        Instant given = params.instant("to");
        Instant to = given != null ? given : Instant.now();
        Instant asked = params.instant("from");
        Instant from = asked != null ? asked : to.minus(Duration.ofDays(30));
        if (!from.isBefore(to)) {
            params.reject("to", "out_of_range", "must be after from");
        } else if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            params.reject("from", "out_of_range", "a period is at most two years");
        }
        int limit = params.integer("limit", 100, 1, 1000);
        params.validate();
        var rows = scope(merchant).flatMapMany(scope -> reports.sellThrough(scope, from, to, limit));
        return CsvReports.wanted(request)
                ? CsvReports.respond("sell-through.csv", List.of("product_id", "product", "merchant_id", "units_sold",
                        "units_returned", "available_at_end", "sell_through"), rows.map(InventoryReportsHandler::row))
                : rows.collectList().flatMap(items -> json(new SellThroughReport(from, to, items)));
    }

    /** Sell-through of each product over [from, to), most units sold first. */
    record SellThroughReport(Instant from, Instant to, List<SellThrough> items) {
    }

    private Mono<ReportScope> scope(UUID merchant) {
        return Principals.current().flatMap(caller -> scopes.of(caller, merchant));
    }

    static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(body);
    }

    private static List<String> row(StockLine s) {
        return cells(s.variantId(), s.sku(), s.productId(), s.product(), s.merchantId(), s.onHand(), s.reserved(),
                s.available(), s.threshold(), s.lowStock());
    }

    private static List<String> row(Movement m) {
        return cells(m.id(), m.at(), m.variantId(), m.sku(), m.reason(), m.onHandDelta(), m.reservedDelta(), m.units(),
                m.onHand(), m.reserved(), m.reference(), m.orderId(), m.reservationId(), m.flashSaleId(), m.actor(),
                m.note());
    }

    private static List<String> row(SellThrough s) {
        return cells(s.productId(), s.product(), s.merchantId(), s.unitsSold(), s.unitsReturned(), s.availableAtEnd(),
                s.sellThrough() == null ? null : s.sellThrough().toPlainString());
    }
}
