package dev.surge.reporting.sales.data;

import dev.surge.reporting.sales.domain.SalesFacts;
import dev.surge.reporting.sales.domain.SalesFacts.OrderFact;
import dev.surge.reporting.sales.domain.SalesFacts.ProductFact;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Puts one order's facts in place of those it had and moves the daily buckets by the difference: the old facts are
 * taken out of their buckets and deleted, the new ones written and added. Writing the same facts twice changes
 * nothing, whichever events carried them and in whatever order. The caller holds a transaction; the order's
 * advisory lock makes two consumers of the same order take turns. The customers report's days
 * ({@code report_customer_days}) move the same way: the order's own orders and signed-in orders, and its customer's
 * share (first and last day per period, new or not), taken out from all their facts before and put back after, under
 * the customer's lock. The products' months ({@code report_product_monthly}) move with their daily rows.
 */
@Component
public class SalesFactWriter {

    private static final String SALES_COLUMNS = "units, gross_minor, discount_minor, tax_minor, shipping_minor, "
            + "refunded_minor, total_minor";

    /**
     * What one order's facts add to the orders of {@code report_customer_days}: each day unit, its currency and all
     * (in key order, as the customers' shares: concurrent orders of a day lock its rows in the same order).
     */
    private static final String ORDER_DAYS = """
            SELECT f.merchant_id, u.unit, c.currency, f.day, date_trunc(u.unit, f.day::timestamp)::date AS period,
                count(*) AS orders, count(f.customer_id) AS signed_in
            FROM report_order_facts f CROSS JOIN (VALUES ('day'), ('week'), ('month')) u(unit)
                CROSS JOIN LATERAL (VALUES (f.currency::text), ('*')) c(currency)
            WHERE f.order_id = :id
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY 1, 2, 3, 4""";

    /** Counts a signed-in buyer's new fact in {@code report_buyer_days} (from the fact's {@code INSERT} above it). */
    private static final String BUYER_DAY = """
            INSERT INTO report_buyer_days (customer_id, merchant_id, day, currency, orders)
            SELECT customer_id, merchant_id, day, currency, 1 FROM fact WHERE customer_id IS NOT NULL
            ON CONFLICT (customer_id, merchant_id, day, currency) DO UPDATE SET orders = report_buyer_days.orders + 1""";

    private final DatabaseClient db;
    private final CurrentFacts currentFacts;

    SalesFactWriter(DatabaseClient db) {
        this.db = db;
        this.currentFacts = new CurrentFacts(db);
    }

    /**
     * Puts {@code facts} in place of the order's facts. Under the order's lock it first reads the facts the order has:
     * when they are the same, nothing is written (a paid order's {@code OrderPaid} and {@code OrderStatusChanged} both
     * refresh it, and an unpaid order has none before and after); when it has none, there is nothing to take out of
     * the buckets. Both are what the full rewrite would have come to, without its twenty statements.
     */
    public Mono<Void> replace(UUID orderId, SalesFacts facts) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:id, 7351))").bind("id", orderId.toString())
                .then()
                .then(currentFacts.read(orderId))
                .flatMap(current -> current.sameAs(facts) ? Mono.empty() : rewrite(orderId, facts, current));
    }

    private Mono<Void> rewrite(UUID orderId, SalesFacts facts, CurrentFacts.Current current) {
        SortedSet<Buyer> buyers = buyers(current, facts);
        return lockCustomers(buyers)
                .then(customerShares(buyers, "-"))
                .then(current.isEmpty() ? Mono.<Void>empty() : withdraw(orderId))
                .thenMany(Flux.fromIterable(facts.orders()).concatMap(this::insert))
                .thenMany(Flux.fromIterable(facts.products()).concatMap(this::insert))
                .then(deposit(orderId))
                .then(customerShares(buyers, "+"));
    }

    /**
     * The (merchant or store, customer) pairs whose customers-report share the order's facts move: those of its
     * facts now and of the facts it will have, sorted (the customers' locks are taken in this order).
     */
    private static SortedSet<Buyer> buyers(CurrentFacts.Current current, SalesFacts facts) {
        SortedSet<Buyer> buyers = new TreeSet<>();
        facts.orders().stream().filter(f -> f.customerId() != null)
                .forEach(f -> buyers.add(new Buyer(f.customerId(), f.merchantId())));
        current.orders().stream().filter(f -> f.customerId() != null)
                .forEach(f -> buyers.add(new Buyer(f.customerId(), f.merchantId())));
        return buyers;
    }

    private record Buyer(UUID customerId, UUID merchantId) implements Comparable<Buyer> {
        @Override
        public int compareTo(Buyer other) {
            int byCustomer = customerId.compareTo(other.customerId);
            return byCustomer != 0 ? byCustomer : merchantId.compareTo(other.merchantId);
        }
    }

    /**
     * One customer's share of the customers report is computed from all their facts, so two orders of the same
     * customer written at once must take turns (in customer order, after their orders' locks).
     */
    private Mono<Void> lockCustomers(SortedSet<Buyer> buyers) {
        return Flux.fromIterable(buyers).map(Buyer::customerId).distinct()
                .concatMap(customer -> db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:c, 7352))")
                        .bind("c", customer.toString()).then())
                .then();
    }

    /**
     * Takes out ({@code -}) or puts back ({@code +}) the buyers' shares of {@code report_customer_days} as their
     * facts say now: taken out before the order's facts change and put back after, it moves exactly what the change
     * moves (a late order with an earlier first day moves "new" to its period; the same facts again move nothing).
     * The facts are read as {@code report_buyer_days} counts them, one row per day the buyer bought on.
     */
    private Mono<Void> customerShares(SortedSet<Buyer> buyers, String sign) {
        if (buyers.isEmpty()) {
            return Mono.empty();
        }
        String shares = """
                WITH f AS (
                    SELECT f.merchant_id, f.customer_id, f.currency, f.day
                    FROM unnest(string_to_array(:merchants, ',')::uuid[], string_to_array(:customers, ',')::uuid[])
                        AS k(merchant_id, customer_id)
                    JOIN report_buyer_days f ON f.customer_id = k.customer_id AND f.merchant_id = k.merchant_id
                    WHERE f.orders > 0),
                x AS (
                    SELECT f.merchant_id, f.customer_id, u.unit, c.currency, f.day,
                        date_trunc(u.unit, f.day::timestamp)::date AS period
                    FROM f CROSS JOIN (VALUES ('day'), ('week'), ('month')) u(unit)
                        CROSS JOIN LATERAL (VALUES (f.currency), ('*')) c(currency)),
                firsts AS (SELECT merchant_id, customer_id, min(day) AS first_day FROM f GROUP BY 1, 2),
                p AS (
                    SELECT x.merchant_id, x.unit, x.currency, x.period, min(x.day) AS first_in, max(x.day) AS last_in,
                        (date_trunc(x.unit, min(fi.first_day)::timestamp)::date = x.period)::int AS new
                    FROM x JOIN firsts fi ON fi.merchant_id = x.merchant_id AND fi.customer_id = x.customer_id
                    GROUP BY x.merchant_id, x.customer_id, x.unit, x.currency, x.period)
                SELECT merchant_id, unit, currency, day, max(period) AS period, sum(firsts) AS firsts,
                    sum(lasts) AS lasts, sum(new_firsts) AS new_firsts, sum(new_lasts) AS new_lasts
                FROM (SELECT merchant_id, unit, currency, period, first_in AS day, 1 AS firsts, 0 AS lasts,
                          new AS new_firsts, 0 AS new_lasts FROM p
                      UNION ALL
                      SELECT merchant_id, unit, currency, period, last_in, 0, 1, 0, new FROM p) e
                GROUP BY 1, 2, 3, 4
                ORDER BY 1, 2, 3, 4""";
        String sql = sign.equals("-") ? """
                UPDATE report_customer_days d SET firsts = d.firsts - s.firsts, lasts = d.lasts - s.lasts,
                    new_firsts = d.new_firsts - s.new_firsts, new_lasts = d.new_lasts - s.new_lasts
                FROM (%s) s
                WHERE d.merchant_id = s.merchant_id AND d.unit = s.unit AND d.currency = s.currency AND d.day = s.day"""
                .formatted(shares) : """
                INSERT INTO report_customer_days (merchant_id, unit, currency, day, period, orders, signed_in, firsts,
                    lasts, new_firsts, new_lasts)
                SELECT merchant_id, unit, currency, day, period, 0, 0, firsts, lasts, new_firsts, new_lasts
                FROM (%s) s
                ON CONFLICT (merchant_id, unit, currency, day) DO UPDATE SET
                    firsts = report_customer_days.firsts + excluded.firsts,
                    lasts = report_customer_days.lasts + excluded.lasts,
                    new_firsts = report_customer_days.new_firsts + excluded.new_firsts,
                    new_lasts = report_customer_days.new_lasts + excluded.new_lasts""".formatted(shares);
        return db.sql(sql)
                .bind("merchants", buyers.stream().map(b -> b.merchantId().toString()).collect(Collectors.joining(",")))
                .bind("customers", buyers.stream().map(b -> b.customerId().toString()).collect(Collectors.joining(",")))
                .then();
    }

    private Mono<Void> withdraw(UUID orderId) {
        return db.sql("""
                UPDATE report_sales_daily d SET orders = d.orders - 1, units = d.units - f.units,
                    gross_minor = d.gross_minor - f.gross_minor, discount_minor = d.discount_minor - f.discount_minor,
                    tax_minor = d.tax_minor - f.tax_minor, shipping_minor = d.shipping_minor - f.shipping_minor,
                    refunded_minor = d.refunded_minor - f.refunded_minor, total_minor = d.total_minor - f.total_minor
                FROM report_order_facts f
                WHERE f.order_id = :id AND d.merchant_id = f.merchant_id AND d.currency = f.currency AND d.day = f.day""")
                .bind("id", orderId).then()
                .then(db.sql("""
                        UPDATE report_product_monthly m SET orders = m.orders - 1, units = m.units - f.units,
                            gross_minor = m.gross_minor - f.gross_minor, revenue_minor = m.revenue_minor - f.revenue_minor
                        FROM report_product_facts f JOIN report_product_daily d ON d.product_id = f.product_id
                            AND d.currency = f.currency AND d.day = f.day
                        WHERE f.order_id = :id AND m.product_id = f.product_id AND m.currency = f.currency
                            AND m.merchant_id = d.merchant_id
                            AND m.month = date_trunc('month', f.day::timestamp)::date""").bind("id", orderId).then())
                .then(db.sql("""
                        UPDATE report_product_daily d SET orders = d.orders - 1, units = d.units - f.units,
                            gross_minor = d.gross_minor - f.gross_minor, revenue_minor = d.revenue_minor - f.revenue_minor
                        FROM report_product_facts f
                        WHERE f.order_id = :id AND d.product_id = f.product_id AND d.currency = f.currency
                            AND d.day = f.day""").bind("id", orderId).then())
                .then(db.sql("""
                        UPDATE report_customer_days d SET orders = d.orders - o.orders,
                            signed_in = d.signed_in - o.signed_in
                        FROM (""" + ORDER_DAYS + """
                        ) o
                        WHERE d.merchant_id = o.merchant_id AND d.unit = o.unit AND d.currency = o.currency
                            AND d.day = o.day""").bind("id", orderId).then())
                .then(db.sql("""
                        WITH gone AS (
                            DELETE FROM report_order_facts WHERE order_id = :id
                            RETURNING customer_id, merchant_id, day, currency)
                        UPDATE report_buyer_days b SET orders = b.orders - 1
                        FROM gone g
                        WHERE b.customer_id = g.customer_id AND b.merchant_id = g.merchant_id AND b.day = g.day
                            AND b.currency = g.currency""").bind("id", orderId).then())
                .then(db.sql("DELETE FROM report_product_facts WHERE order_id = :id").bind("id", orderId).then());
    }

    private Mono<Void> deposit(UUID orderId) {
        return db.sql("INSERT INTO report_sales_daily (merchant_id, currency, day, orders, " + SALES_COLUMNS + ") "
                        + "SELECT merchant_id, currency, day, 1, " + SALES_COLUMNS
                        + " FROM report_order_facts WHERE order_id = :id " + SalesRebuild.SALES_UPSERT)
                .bind("id", orderId).then()
                .then(db.sql("INSERT INTO report_product_daily (product_id, currency, day, merchant_id, orders, units, "
                                + "gross_minor, revenue_minor) SELECT product_id, currency, day, merchant_id, 1, units, "
                                + "gross_minor, revenue_minor FROM report_product_facts WHERE order_id = :id "
                                + SalesRebuild.PRODUCTS_UPSERT)
                        .bind("id", orderId).then())
                .then(db.sql("""
                        INSERT INTO report_product_monthly (product_id, currency, merchant_id, month, orders, units,
                            gross_minor, revenue_minor)
                        SELECT f.product_id, f.currency, d.merchant_id, date_trunc('month', f.day::timestamp)::date, 1,
                            f.units, f.gross_minor, f.revenue_minor
                        FROM report_product_facts f JOIN report_product_daily d ON d.product_id = f.product_id
                            AND d.currency = f.currency AND d.day = f.day
                        WHERE f.order_id = :id
                        ON CONFLICT (product_id, currency, merchant_id, month) DO UPDATE SET
                            orders = report_product_monthly.orders + excluded.orders,
                            units = report_product_monthly.units + excluded.units,
                            gross_minor = report_product_monthly.gross_minor + excluded.gross_minor,
                            revenue_minor = report_product_monthly.revenue_minor + excluded.revenue_minor""")
                        .bind("id", orderId).then())
                .then(db.sql("""
                        INSERT INTO report_customer_days (merchant_id, unit, currency, day, period, orders, signed_in,
                            firsts, lasts, new_firsts, new_lasts)
                        SELECT merchant_id, unit, currency, day, period, orders, signed_in, 0, 0, 0, 0
                        FROM (""" + ORDER_DAYS + """
                        ) o
                        ON CONFLICT (merchant_id, unit, currency, day) DO UPDATE SET
                            orders = report_customer_days.orders + excluded.orders,
                            signed_in = report_customer_days.signed_in + excluded.signed_in""")
                        .bind("id", orderId).then());
    }

    private Mono<Void> insert(OrderFact f) {
        SalesFacts.Amounts a = f.amounts();
        var spec = db.sql("WITH fact AS (INSERT INTO report_order_facts (order_id, merchant_id, currency, day, "
                        + "customer_id, " + SALES_COLUMNS + ") VALUES (:order, :merchant, :currency, :day, :customer, "
                        + ":units, :gross, :discount, :tax, :shipping, :refunded, :total) "
                        + "RETURNING customer_id, merchant_id, day, currency) " + BUYER_DAY)
                .bind("order", f.orderId()).bind("merchant", f.merchantId()).bind("currency", f.currency())
                .bind("day", f.day())
                .bind("units", a.units()).bind("gross", a.gross()).bind("discount", a.discount())
                .bind("tax", a.tax()).bind("shipping", a.shipping()).bind("refunded", a.refunded())
                .bind("total", a.total());
        return (f.customerId() == null ? spec.bindNull("customer", UUID.class) : spec.bind("customer", f.customerId()))
                .then();
    }

    private Mono<Void> insert(ProductFact f) {
        SalesFacts.ProductSales s = f.sales();
        var product = db.sql("""
                INSERT INTO report_products (product_id, merchant_id, title, category_id)
                VALUES (:product, :merchant, :title, :category)
                ON CONFLICT (product_id) DO UPDATE SET title = excluded.title, category_id = excluded.category_id""")
                .bind("product", f.productId()).bind("merchant", f.merchantId()).bind("title", s.title());
        product = s.categoryId() == null ? product.bindNull("category", UUID.class) : product.bind("category", s.categoryId());
        return product.then().then(db.sql("""
                INSERT INTO report_product_facts (order_id, product_id, merchant_id, currency, day, units, gross_minor,
                    revenue_minor) VALUES (:order, :product, :merchant, :currency, :day, :units, :gross, :revenue)""")
                .bind("order", f.orderId()).bind("product", f.productId()).bind("merchant", f.merchantId())
                .bind("currency", f.currency()).bind("day", f.day()).bind("units", s.units())
                .bind("gross", s.gross()).bind("revenue", s.revenue()).then());
    }
}
