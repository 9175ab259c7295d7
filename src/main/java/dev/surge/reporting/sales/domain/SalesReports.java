package dev.surge.reporting.sales.domain;

import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import dev.surge.reporting.sales.data.SalesQueries;
import dev.surge.reporting.sales.data.SalesRebuild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sales and customers reports, read from the daily buckets, and the rebuild of those buckets. Who sees what is
 * decided here: staff and finance any merchant or the whole store (the access table lets only them reach the admin
 * routes), a seller only its own merchant, whatever it asks for.
 */
@Component
public class SalesReports {

    private final SalesQueries queries;
    private final SalesRebuild rebuild;
    private final AuditTrail audit;

    SalesReports(SalesQueries queries, SalesRebuild rebuild, AuditTrail audit) {
        this.queries = queries;
        this.rebuild = rebuild;
        this.audit = audit;
    }

    /** The query a seller's route may run: its own merchant's, or 404 for a merchant it does not belong to. */
    public Mono<SalesQuery> forMerchant(SalesQuery query, UUID merchantId) {
        return Principals.current().flatMap(caller -> MerchantAccess.of(caller, merchantId).allowed()
                ? Mono.just(query.forMerchant(merchantId)) : Mono.error(new ReportErrors.MerchantNotFound()));
    }

    /** Per interval and currency, with each currency's totals over the range. */
    public Mono<SalesReport> sales(SalesQuery query) {
        return queries.periods(query).collectList().map(periods -> new SalesReport(query, periods, totals(periods)));
    }

    public Flux<SalesFigures.Merchant> merchants(SalesQuery query) {
        return queries.merchants(query);
    }

    public Flux<SalesFigures.Product> topProducts(SalesQuery query, boolean byRevenue, int limit) {
        return queries.products(query, byRevenue, limit);
    }

    public Flux<SalesFigures.Category> categories(SalesQuery query) {
        return queries.categories(query);
    }

    public Flux<SalesFigures.Conversion> conversion(SalesQuery query) {
        return queries.conversion(query);
    }

    public Flux<SalesFigures.Customers> customers(SalesQuery query) {
        return queries.customers(query);
    }

    /** Recomputes every sales read model from the orders, on the audit trail; answers what was rebuilt. */
    public Mono<Rebuilt> rebuild(UUID actor, Origin origin) {
        long started = System.nanoTime();
        return rebuild.rebuild()
                .map(orders -> new Rebuilt(orders, Duration.ofNanos(System.nanoTime() - started).toMillis()))
                .flatMap(done -> audit.record("reports.sales_rebuilt", actor, null, origin,
                        Map.of("orders", done.orders(), "tookMs", done.tookMs())).thenReturn(done));
    }

    /** The paid orders the rebuilt read models hold, and how long it took. */
    public record Rebuilt(long orders, long tookMs) {
    }

    /** A sales report: its query, its periods and each currency's totals. */
    public record SalesReport(SalesQuery query, List<SalesFigures.Period> periods, List<SalesFigures.Period> totals) {
    }

    private static List<SalesFigures.Period> totals(List<SalesFigures.Period> periods) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (SalesFigures.Period p : periods) {
            SalesFigures.Totals t = p.totals();
            long[] s = sums.computeIfAbsent(p.currency(), c -> new long[8]);
            long[] add = {t.orders(), t.units(), t.gross(), t.discounts(), t.tax(), t.shipping(), t.refunds(), t.total()};
            for (int i = 0; i < add.length; i++) {
                s[i] += add[i];
            }
        }
        List<SalesFigures.Period> out = new ArrayList<>();
        sums.forEach((currency, s) -> out.add(new SalesFigures.Period(null, currency,
                new SalesFigures.Totals(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]))));
        out.sort(java.util.Comparator.comparing(SalesFigures.Period::currency));
        return out;
    }
}
