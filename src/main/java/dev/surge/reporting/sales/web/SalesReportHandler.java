package dev.surge.reporting.sales.web;

import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.Csv;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import dev.surge.reporting.sales.domain.ReportErrors.MerchantNotFound;
import dev.surge.reporting.sales.domain.SalesQuery;
import dev.surge.reporting.sales.domain.SalesReports;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sales and customers reports over HTTP, for the back office (any merchant, or the whole store) and for a
 * seller (its own merchant, from the path). Each answers JSON, or CSV for a {@code .csv} path or
 * {@code Accept: text/csv}.
 */
@Component
class SalesReportHandler {

    static final int MAX_DAYS = ReportParams.MAX_DAYS;
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final SalesReports reports;
    private final ClientIp clientIp;

    SalesReportHandler(SalesReports reports, ClientIp clientIp) {
        this.reports = reports;
        this.clientIp = clientIp;
    }

    Mono<ServerResponse> sales(ServerRequest request) {
        return scoped(request).flatMap(reports::sales).flatMap(report -> wantsCsv(request)
                ? csv("sales", SalesViews.SALES_COLUMNS, Flux.concat(Flux.fromIterable(report.periods()),
                        Flux.fromIterable(report.totals())).map(SalesViews::salesLine))
                : json(SalesViews.SalesBody.of(report)));
    }

    Mono<ServerResponse> merchants(ServerRequest request) {
        return scoped(request).flatMap(q -> wantsCsv(request)
                ? csv("sales-merchants", SalesViews.MERCHANT_COLUMNS, reports.merchants(q).map(SalesViews::merchantLine))
                : items(q, reports.merchants(q).map(m -> new SalesViews.MerchantFigures(m.merchantId(),
                        SalesViews.Figures.of(new dev.surge.reporting.sales.domain.SalesFigures.Period(null,
                                m.currency(), m.totals()))))));
    }

    Mono<ServerResponse> products(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        boolean byRevenue = params.choice("by", Ranking.class, Ranking.UNITS) == Ranking.REVENUE;
        int limit = params.integer("limit", 10, 1, 100);
        return scoped(request, params).flatMap(q -> wantsCsv(request)
                ? csv("sales-products", SalesViews.PRODUCT_COLUMNS,
                        reports.topProducts(q, byRevenue, limit).map(SalesViews::productLine))
                : items(q, reports.topProducts(q, byRevenue, limit)));
    }

    Mono<ServerResponse> categories(ServerRequest request) {
        return scoped(request).flatMap(q -> wantsCsv(request)
                ? csv("sales-categories", SalesViews.CATEGORY_COLUMNS, reports.categories(q).map(SalesViews::categoryLine))
                : items(q, reports.categories(q)));
    }

    Mono<ServerResponse> customers(ServerRequest request) {
        return scoped(request).flatMap(q -> wantsCsv(request)
                ? csv("customers", SalesViews.CUSTOMER_COLUMNS, reports.customers(q).map(SalesViews::customersLine))
                : items(q, reports.customers(q).map(CustomersView::of)));
    }

    Mono<ServerResponse> conversion(ServerRequest request) {
        return scoped(request).flatMap(q -> wantsCsv(request)
                ? csv("conversion", SalesViews.CONVERSION_COLUMNS, reports.conversion(q).map(SalesViews::conversionLine))
                : items(q, reports.conversion(q).map(SalesViews.ConversionView::of)));
    }

    Mono<ServerResponse> rebuild(ServerRequest request) {
        Origin origin = Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
        return Principals.current().flatMap(caller -> reports.rebuild(caller.userId(), origin))
                .flatMap(done -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(done));
    }

    /** How top products are ranked. */
    enum Ranking {
        UNITS, REVENUE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One interval of the customers report. */
    record CustomersView(LocalDate period, long orders, long signedInOrders, long guestOrders, long customers,
            long newCustomers, long returningCustomers, double repeatRate) {
        static CustomersView of(dev.surge.reporting.sales.domain.SalesFigures.Customers c) {
            return new CustomersView(c.period(), c.orders(), c.signedInOrders(), c.guestOrders(), c.customers(),
                    c.newCustomers(), c.returningCustomers(), c.repeatRate());
        }
    }

    private Mono<SalesQuery> scoped(ServerRequest request) {
        return scoped(request, QueryParams.of(request));
    }

    /** The query from the parameters; on a seller's route, narrowed to the path's merchant (404 for another's). */
    private Mono<SalesQuery> scoped(ServerRequest request, QueryParams params) {
        return Mono.defer(() -> {
            SalesQuery query = query(params);
            if (!request.pathVariables().containsKey("merchantId")) {
                return Mono.just(query);
            }
            UUID merchantId = PathIds.required(request, "merchantId", MerchantNotFound::new);
            return reports.forMerchant(query, merchantId);
        });
    }

    static SalesQuery query(QueryParams params) {
        return ReportParams.query(params);
    }

    static boolean wantsCsv(ServerRequest request) {
        return request.path().endsWith(".csv") || request.headers().accept().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(CSV));
    }

    private static <T> Mono<ServerResponse> items(SalesQuery query, Flux<T> items) {
        return items.collectList().flatMap(list -> json(new SalesViews.ItemsBody<>(SalesViews.Range.of(query), list)));
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .bodyValue(body);
    }

    private static Mono<ServerResponse> csv(String name, List<String> columns, Flux<String> lines) {
        return Flux.concat(Mono.just(Csv.line(columns)), lines).collect(StringBuilder::new, StringBuilder::append)
                .flatMap(text -> ServerResponse.ok().contentType(CSV).cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                        .bodyValue(text.toString()));
    }
}
