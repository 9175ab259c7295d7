package dev.surge.reporting.operations.web;

import static dev.surge.reporting.operations.web.CsvReports.cells;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import dev.surge.reporting.operations.domain.FlashSaleFigures;
import dev.surge.reporting.operations.domain.FlashSaleReports;
import dev.surge.reporting.operations.domain.ReportErrors;
import dev.surge.reporting.operations.domain.ReportScope;
import dev.surge.reporting.operations.domain.ReportScopes;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Flash-sale outcomes, one sale or a page of them, as JSON or CSV. */
@Component
class FlashSaleReportsHandler {

    static final List<String> HEADER = List.of("id", "name", "variant_id", "merchant_id", "state", "price_minor",
            "currency", "starts_at", "ends_at", "closed_at", "units_offered", "attempts", "sold_out_answers", "claims",
            "units_claimed", "holds_active", "holds_expired", "units_expired", "holds_released", "orders_paid_from_holds",
            "units_sold", "revenue_minor", "sold_out_at", "seconds_to_sell_out");

    private final FlashSaleReports reports;
    private final ReportScopes scopes;

    FlashSaleReportsHandler(FlashSaleReports reports, ReportScopes scopes) {
        this.reports = reports;
        this.scopes = scopes;
    }

    Mono<ServerResponse> one(ServerRequest request) {
        String raw = request.pathVariable("saleId");
        boolean csv = raw.endsWith(".csv");
        UUID saleId = Ids.parseOrNull(csv ? raw.substring(0, raw.length() - 4) : raw);
        if (saleId == null) {
            return Mono.error(new ReportErrors.FlashSaleNotFound());
        }
        Mono<FlashSaleFigures> sale = scope(null).flatMap(scope -> reports.find(scope, saleId));
        return csv || CsvReports.wanted(request)
                ? sale.flatMap(figures -> CsvReports.respond("flash-sale-" + saleId + ".csv", HEADER,
                        Flux.just(row(figures))))
                : sale.flatMap(InventoryReportsHandler::json);
    }

    Mono<ServerResponse> list(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        UUID merchant = params.uuid("merchant");
        int limit = params.integer("limit", 20, 1, 100);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        Mono<ReportScope> scope = scope(merchant);
        if (CsvReports.wanted(request)) {
            return scope.flatMap(s -> CsvReports.respond("flash-sales.csv", HEADER,
                    reports.list(s, limit, cursor)
                            .expand(page -> page.nextCursor() == null ? Mono.empty() : reports.list(s, limit, page.nextCursor()))
                            .concatMapIterable(page -> page.items()).map(FlashSaleReportsHandler::row)));
        }
        return scope.flatMap(s -> reports.list(s, limit, cursor)).flatMap(page -> InventoryReportsHandler.json(ReportPage.of(page)));
    }

    private Mono<ReportScope> scope(UUID merchant) {
        return Principals.current().flatMap(caller -> scopes.of(caller, merchant));
    }

    private static List<String> row(FlashSaleFigures f) {
        return cells(f.id(), f.name(), f.variantId(), f.merchantId(), f.state(), f.price().amountMinor(),
                f.price().currency(), f.startsAt(), f.endsAt(), f.closedAt(), f.unitsOffered(), f.attempts(),
                f.soldOutAnswers(), f.claims(), f.unitsClaimed(), f.holdsActive(), f.holdsExpired(), f.unitsExpired(),
                f.holdsReleased(), f.ordersPaidFromHolds(), f.unitsSold(), f.revenue().amountMinor(), f.soldOutAt(),
                f.secondsToSellOut());
    }
}
