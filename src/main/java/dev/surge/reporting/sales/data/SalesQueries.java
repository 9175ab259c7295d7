package dev.surge.reporting.sales.data;

import dev.surge.reporting.sales.domain.SalesFacts;
import dev.surge.reporting.sales.domain.SalesFigures;
import dev.surge.reporting.sales.domain.SalesQuery;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The reports' reads: daily buckets summed over a range, never the orders themselves. */
@Component
public class SalesQueries {

    private static final String SUMS = "sum(d.orders) AS orders, sum(d.units) AS units, sum(d.gross_minor) AS gross, "
            + "sum(d.discount_minor) AS discounts, sum(d.tax_minor) AS tax, sum(d.shipping_minor) AS shipping, "
            + "sum(d.refunded_minor) AS refunds, sum(d.total_minor) AS total";
    private static final String PRODUCT_SUMS = "sum(d.orders) AS orders, sum(d.units) AS units, "
            + "sum(d.gross_minor) AS gross, sum(d.revenue_minor) AS revenue";
    private static final String RANGE = " d.day BETWEEN :from AND :to AND d.orders > 0"
            + " AND (CAST(:currency AS text) IS NULL OR d.currency = :currency)";

    /**
     * The products' buckets of a range: the whole months in it from {@code report_product_monthly}, the days of the
     * months it cuts from {@code report_product_daily} (see {@link #months}); their sums are the daily rows' sums.
     */
    private static final String PRODUCT_ROWS = """
            (SELECT m.product_id, m.currency, m.merchant_id, m.orders, m.units, m.gross_minor, m.revenue_minor
             FROM report_product_monthly m WHERE m.month >= :wholeFrom AND m.month < :wholeTo
             UNION ALL
             SELECT d.product_id, d.currency, d.merchant_id, d.orders, d.units, d.gross_minor, d.revenue_minor
             FROM report_product_daily d
             WHERE d.day BETWEEN :from AND :headTo OR d.day BETWEEN :wholeTo AND :to)""";
    private static final String PRODUCT_RANGE = " d.orders > 0"
            + " AND (CAST(:currency AS text) IS NULL OR d.currency = :currency)";

    private final DatabaseClient db;

    SalesQueries(DatabaseClient db) {
        this.db = db;
    }

    /** Per interval and currency, oldest first. */
    public Flux<SalesFigures.Period> periods(SalesQuery q) {
        return bind(db.sql("SELECT date_trunc(:unit, d.day::timestamp)::date AS period, d.currency, " + SUMS
                + " FROM report_sales_daily d WHERE d.merchant_id = :merchant AND" + RANGE
                + " GROUP BY 1, 2 ORDER BY 1, 2"), q)
                .bind("unit", q.interval().toString()).bind("merchant", q.merchantOrStore())
                .map(row -> new SalesFigures.Period(row.get("period", LocalDate.class), row.get("currency", String.class),
                        totals(row)))
                .all();
    }

    /** Per merchant and currency over the whole range (one merchant's when the query names one). */
    public Flux<SalesFigures.Merchant> merchants(SalesQuery q) {
        return merchant(bind(db.sql("SELECT d.merchant_id, d.currency, " + SUMS + " FROM report_sales_daily d WHERE "
                + "d.merchant_id <> :store AND (CAST(:merchant AS uuid) IS NULL OR d.merchant_id = :merchant) AND"
                + RANGE + " GROUP BY 1, 2 ORDER BY sum(d.total_minor) DESC, 1, 2"), q), q)
                .bind("store", SalesFacts.STORE)
                .map(row -> new SalesFigures.Merchant(row.get("merchant_id", UUID.class),
                        row.get("currency", String.class), totals(row)))
                .all();
    }

    /** The top {@code limit} products by units or by revenue (then the other, then id), per currency mixed in order. */
    public Flux<SalesFigures.Product> products(SalesQuery q, boolean byRevenue, int limit) {
        String order = byRevenue ? "revenue DESC, units DESC" : "units DESC, revenue DESC";
        return months(merchant(bind(db.sql("SELECT d.product_id, d.currency, max(p.title) AS title, "
                + "max(p.category_id::text) AS category, max(d.merchant_id::text) AS merchant, " + PRODUCT_SUMS
                + " FROM " + PRODUCT_ROWS + " d LEFT JOIN report_products p ON p.product_id = d.product_id WHERE "
                + "(CAST(:merchant AS uuid) IS NULL OR d.merchant_id = :merchant) AND" + PRODUCT_RANGE
                + " GROUP BY d.product_id, d.currency ORDER BY " + order + ", d.product_id, d.currency LIMIT :limit"),
                q), q), q)
                .bind("limit", limit)
                .map(row -> new SalesFigures.Product(row.get("product_id", UUID.class), row.get("title", String.class),
                        uuid(row.get("category", String.class)), uuid(row.get("merchant", String.class)),
                        row.get("currency", String.class), productTotals(row)))
                .all();
    }

    /** Per category and currency, highest revenue first. */
    public Flux<SalesFigures.Category> categories(SalesQuery q) {
        return months(merchant(bind(db.sql("SELECT p.category_id, d.currency, " + PRODUCT_SUMS + " FROM "
                + PRODUCT_ROWS + " d LEFT JOIN report_products p ON p.product_id = d.product_id WHERE "
                + "(CAST(:merchant AS uuid) IS NULL OR d.merchant_id = :merchant) AND" + PRODUCT_RANGE
                + " GROUP BY 1, 2 ORDER BY revenue DESC, 1, 2"), q), q), q)
                .map(row -> new SalesFigures.Category(row.get("category_id", UUID.class),
                        row.get("currency", String.class), productTotals(row)))
                .all();
    }

    /**
     * Buyers per interval, from the customers' days ({@code report_customer_days}, one row a day in the range): a
     * customer is new in the interval of their first paid order ever (of this merchant when one is named). A period
     * the range covers from its start (whole or cut by {@code to}) counts each customer on their first day of it, one
     * cut by {@code from} on their last; a range inside one period cut at both ends (shorter than the period, so a
     * few weeks of facts at most) is counted from the facts themselves.
     */
    public Flux<SalesFigures.Customers> customers(SalesQuery q) {
        return customersSpec(q).bind("unit", q.interval().toString()).bind("merchant", q.merchantOrStore())
                .map(row -> {
                    long orders = longOf(row, "orders");
                    long signedIn = longOf(row, "signed_in");
                    return new SalesFigures.Customers(row.get("period", LocalDate.class), orders, signedIn,
                            orders - signedIn, longOf(row, "customers"), longOf(row, "new_customers"));
                })
                .all();
    }

    private GenericExecuteSpec customersSpec(SalesQuery q) {
        if (!cutAtBothEnds(q)) {
            return bind(db.sql("""
                    SELECT d.period, sum(d.orders) AS orders, sum(d.signed_in) AS signed_in,
                        CASE WHEN d.period >= :from THEN sum(d.firsts) ELSE sum(d.lasts) END AS customers,
                        CASE WHEN d.period >= :from THEN sum(d.new_firsts) ELSE sum(d.new_lasts) END AS new_customers
                    FROM report_customer_days d
                    WHERE d.merchant_id = :merchant AND d.unit = :unit
                        AND d.currency = coalesce(CAST(:currency AS text), '*') AND d.day BETWEEN :from AND :to
                    GROUP BY d.period HAVING sum(d.orders) > 0 ORDER BY d.period"""), q);
        }
        return bind(db.sql("""
                WITH f AS (
                    SELECT d.customer_id, date_trunc(:unit, d.day::timestamp)::date AS period
                    FROM report_order_facts d
                    WHERE d.merchant_id = :merchant AND d.day BETWEEN :from AND :to
                        AND (CAST(:currency AS text) IS NULL OR d.currency = :currency)),
                firsts AS (
                    SELECT c.customer_id, date_trunc(:unit, min(c.day)::timestamp)::date AS first_period
                    FROM report_buyer_days c
                    WHERE c.merchant_id = :merchant AND c.orders > 0 AND c.customer_id IN (SELECT customer_id FROM f)
                    GROUP BY c.customer_id)
                SELECT f.period, count(*) AS orders, count(f.customer_id) AS signed_in,
                    count(DISTINCT f.customer_id) AS customers,
                    count(DISTINCT f.customer_id) FILTER (WHERE firsts.first_period = f.period) AS new_customers
                FROM f LEFT JOIN firsts ON firsts.customer_id = f.customer_id
                GROUP BY f.period ORDER BY f.period"""), q);
    }

    /** Whether the range lies inside one week or month, starting after its first day and ending before its last. */
    static boolean cutAtBothEnds(SalesQuery q) {
        if (q.interval() == SalesQuery.Interval.DAY) {
            return false;
        }
        LocalDate start = periodStart(q.from(), q.interval());
        LocalDate next = q.interval() == SalesQuery.Interval.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
        return start.isBefore(q.from()) && q.to().isBefore(next.minusDays(1));
    }

    private static LocalDate periodStart(LocalDate day, SalesQuery.Interval interval) {
        return interval == SalesQuery.Interval.WEEK
                ? day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                : day.withDayOfMonth(1);
    }

    /**
     * Checkouts (orders placed, on the day they were placed) against orders paid (on the day they were paid) per
     * interval and currency, for the whole store.
     */
    public Flux<SalesFigures.Conversion> conversion(SalesQuery q) {
        return bind(db.sql("""
                WITH c AS (
                    SELECT date_trunc(:unit, d.day::timestamp)::date AS period, d.currency, sum(d.checkouts) AS checkouts
                    FROM report_checkouts_daily d
                    WHERE d.day BETWEEN :from AND :to AND (CAST(:currency AS text) IS NULL OR d.currency = :currency)
                    GROUP BY 1, 2),
                p AS (
                    SELECT date_trunc(:unit, d.day::timestamp)::date AS period, d.currency, sum(d.orders) AS paid
                    FROM report_sales_daily d WHERE d.merchant_id = :store AND""" + RANGE + """
                    GROUP BY 1, 2)
                SELECT coalesce(c.period, p.period) AS period, coalesce(c.currency, p.currency) AS currency,
                    coalesce(c.checkouts, 0) AS checkouts, coalesce(p.paid, 0) AS paid
                FROM c FULL JOIN p ON p.period = c.period AND p.currency = c.currency
                ORDER BY 1, 2"""), q)
                .bind("unit", q.interval().toString()).bind("store", SalesFacts.STORE)
                .map(row -> new SalesFigures.Conversion(row.get("period", LocalDate.class),
                        row.get("currency", String.class).trim(), longOf(row, "checkouts"), longOf(row, "paid")))
                .all();
    }

    /**
     * Binds the whole months of the range ({@code wholeFrom} included to {@code wholeTo} excluded) and the last day
     * before them ({@code headTo}); with no whole month, none, and every day of the range from the daily rows.
     */
    private static GenericExecuteSpec months(GenericExecuteSpec spec, SalesQuery q) {
        LocalDate wholeFrom = q.from().getDayOfMonth() == 1 ? q.from() : q.from().withDayOfMonth(1).plusMonths(1);
        LocalDate wholeTo = q.to().plusDays(1).withDayOfMonth(1);
        if (!wholeFrom.isBefore(wholeTo)) {
            wholeFrom = q.to().plusDays(1);
            wholeTo = wholeFrom;
        }
        return spec.bind("wholeFrom", wholeFrom).bind("wholeTo", wholeTo).bind("headTo", wholeFrom.minusDays(1));
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, SalesQuery q) {
        GenericExecuteSpec bound = spec.bind("from", q.from()).bind("to", q.to());
        return q.currency() == null ? bound.bindNull("currency", String.class) : bound.bind("currency", q.currency());
    }

    /** The merchant asked for, or null (every merchant), for the breakdowns that filter on it. */
    private static GenericExecuteSpec merchant(GenericExecuteSpec spec, SalesQuery q) {
        return q.merchantId() == null ? spec.bindNull("merchant", UUID.class) : spec.bind("merchant", q.merchantId());
    }

    private static SalesFigures.Totals totals(Readable row) {
        return new SalesFigures.Totals(longOf(row, "orders"), longOf(row, "units"), longOf(row, "gross"),
                longOf(row, "discounts"), longOf(row, "tax"), longOf(row, "shipping"), longOf(row, "refunds"),
                longOf(row, "total"));
    }

    private static SalesFigures.ProductTotals productTotals(Readable row) {
        return new SalesFigures.ProductTotals(longOf(row, "orders"), longOf(row, "units"), longOf(row, "gross"),
                longOf(row, "revenue"));
    }

    private static long longOf(Readable row, String column) {
        Number n = row.get(column, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }
}
