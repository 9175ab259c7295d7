package dev.surge.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.reporting.sales.data.SalesFactWriter;
import dev.surge.reporting.sales.data.SalesQueries;
import dev.surge.reporting.sales.domain.SalesFacts;
import dev.surge.reporting.sales.domain.SalesFigures;
import dev.surge.reporting.sales.domain.SalesQuery;
import dev.surge.reporting.sales.domain.SalesQuery.Interval;
import dev.surge.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * The customers report's pre-aggregated days give exactly what counting the facts of the range gives (the report's
 * former query, kept here as the reference): orders, signed-in and guest orders, distinct and new customers per
 * day, week and month, per currency and for all, for ranges cut anywhere; whatever order the orders' facts arrive
 * in (a late order with an earlier first day moves "new"), repeated, withdrawn and put back; and the rebuild's SQL
 * gives the same rows as the writes did; the buyers' days they are moved from count the facts. The top products and
 * categories, read from whole months and the cut months' days, are those of the daily rows.
 */
class SalesReportCustomersIntegrationTests extends IntegrationTest {

    static final LocalDate BASE = LocalDate.of(2021, 3, 1);

    @Autowired
    SalesFactWriter writer;
    @Autowired
    SalesQueries queries;
    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;

    record Order(UUID id, UUID customer, String currency, LocalDate day, boolean alsoSecond, int product, int units) {
    }

    List<UUID> products = new ArrayList<>();
    List<UUID> categories = List.of(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void preAggregatedDaysCountLikeTheFacts() {
        Random random = new Random(15);
        UUID store = UUID.randomUUID(); // stands for the whole store: a scope of its own, apart from other tests
        UUID second = UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            products.add(UUID.randomUUID());
        }
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            customers.add(UUID.randomUUID());
        }
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            UUID customer = random.nextInt(5) == 0 ? null : customers.get(random.nextInt(customers.size()));
            orders.add(new Order(UUID.randomUUID(), customer, random.nextBoolean() ? "USD" : "GBP",
                    BASE.plusDays(random.nextInt(100)), random.nextBoolean(), random.nextInt(products.size()),
                    1 + random.nextInt(3)));
        }
        // Newest first, so that customers' first orders keep arriving late; some twice; some withdrawn and back.
        List<Order> arrival = new ArrayList<>(orders);
        arrival.sort((a, b) -> b.day().compareTo(a.day()));
        for (Order order : arrival) {
            write(order, store, second);
        }
        Collections.shuffle(arrival, random);
        for (Order order : arrival.subList(0, 20)) {
            write(order, store, second);
        }
        for (Order order : arrival.subList(20, 30)) {
            writer.replace(order.id(), new SalesFacts(List.of(), List.of())).as(tx::transactional).block();
        }
        assertSameAsFacts(store, second, random);
        for (Order order : arrival.subList(20, 30)) {
            write(order, store, second);
        }
        assertSameAsFacts(store, second, random);

        // Rebuilt from the same facts (in a transaction rolled back: other tests' rows stay), the rows are the same.
        assertThat(rebuiltRows(store, second)).isEqualTo(rows(store, second).collectList().block());
        // The buyers' days the shares were moved from count the buyers' facts, after all those moves.
        assertThat(buyerDays(store, second, "report_buyer_days WHERE orders > 0", "orders"))
                .isNotEmpty()
                .isEqualTo(buyerDays(store, second, "report_order_facts WHERE customer_id IS NOT NULL", "1"));
    }

    /** A scope's buyers' orders per day and currency, summed from {@code source}. */
    private List<String> buyerDays(UUID store, UUID second, String source, String orders) {
        return db.sql("SELECT concat_ws(' ', customer_id, merchant_id, day, currency, sum(" + orders + ")) AS line "
                        + "FROM " + source + " AND merchant_id IN (:store, :second) GROUP BY customer_id, merchant_id, "
                        + "day, currency ORDER BY 1")
                .bind("store", store).bind("second", second).map(row -> row.get("line", String.class)).all()
                .collectList().block();
    }

    /**
     * An order refreshed with the facts it already has (a paid order's OrderPaid and OrderStatusChanged both refresh
     * it) leaves every row as it was: no fact deleted and inserted again, no bucket moved (PostgreSQL gives an
     * updated or re-inserted row a new xmin). Different facts are written.
     */
    @Test
    void theSameFactsAgainWriteNothing() {
        UUID store = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        LocalDate day = BASE.plusDays(3);
        SalesFacts facts = facts(orderId, store, customer, product, day, 2, "Lamp");
        writer.replace(orderId, facts).as(tx::transactional).block();
        String written = rowVersions(orderId, store, product, day);
        assertThat(written).contains("|");

        writer.replace(orderId, facts(orderId, store, customer, product, day, 2, "Lamp")).as(tx::transactional).block();
        assertThat(rowVersions(orderId, store, product, day)).isEqualTo(written);

        writer.replace(orderId, facts(orderId, store, customer, product, day, 2, "Desk lamp")).as(tx::transactional)
                .block();
        String retitled = rowVersions(orderId, store, product, day);
        assertThat(retitled).isNotEqualTo(written);
        assertThat(db.sql("SELECT title FROM report_products WHERE product_id = :p").bind("p", product)
                .map(row -> row.get("title", String.class)).one().block()).isEqualTo("Desk lamp");

        writer.replace(orderId, facts(orderId, store, customer, product, day, 3, "Desk lamp")).as(tx::transactional)
                .block();
        assertThat(rowVersions(orderId, store, product, day)).isNotEqualTo(retitled);
        assertThat(db.sql("SELECT units FROM report_sales_daily WHERE merchant_id = :m AND day = :d")
                .bind("m", store).bind("d", day).map(row -> row.get("units", Long.class)).one().block()).isEqualTo(3L);

        writer.replace(orderId, new SalesFacts(List.of(), List.of())).as(tx::transactional).block();
        assertThat(db.sql("SELECT units FROM report_sales_daily WHERE merchant_id = :m AND day = :d")
                .bind("m", store).bind("d", day).map(row -> row.get("units", Long.class)).one().block()).isEqualTo(0L);
        String none = rowVersions(orderId, store, product, day);
        writer.replace(orderId, new SalesFacts(List.of(), List.of())).as(tx::transactional).block();
        assertThat(rowVersions(orderId, store, product, day)).isEqualTo(none);
    }

    private SalesFacts facts(UUID orderId, UUID store, UUID customer, UUID product, LocalDate day, int units,
            String title) {
        return new SalesFacts(
                List.of(new SalesFacts.OrderFact(orderId, store, "USD", day, customer,
                        new SalesFacts.Amounts(units, 100L * units, 0, 0, 0, 0, 100L * units))),
                List.of(new SalesFacts.ProductFact(orderId, product, store, "USD", day,
                        new SalesFacts.ProductSales(units, 100L * units, 100L * units, title, null))));
    }

    /** The row versions (xmin) of the order's facts, its product, and the store's day and customer-day rows. */
    private String rowVersions(UUID orderId, UUID store, UUID product, LocalDate day) {
        return db.sql("""
                SELECT concat_ws('|',
                    (SELECT string_agg(xmin::text, ',') FROM report_order_facts WHERE order_id = :o),
                    (SELECT string_agg(xmin::text, ',') FROM report_product_facts WHERE order_id = :o),
                    (SELECT string_agg(xmin::text, ',') FROM report_products WHERE product_id = :p),
                    (SELECT string_agg(xmin::text, ',') FROM report_sales_daily WHERE merchant_id = :m AND day = :d),
                    (SELECT string_agg(xmin::text, ',' ORDER BY unit, currency) FROM report_customer_days
                        WHERE merchant_id = :m AND day = :d)) AS versions""")
                .bind("o", orderId).bind("p", product).bind("m", store).bind("d", day)
                .map(row -> row.get("versions", String.class)).one().block();
    }

    private void write(Order order, UUID store, UUID second) {
        List<SalesFacts.OrderFact> facts = new ArrayList<>();
        SalesFacts.Amounts amounts = new SalesFacts.Amounts(1, 100, 0, 0, 0, 0, 100);
        facts.add(new SalesFacts.OrderFact(order.id(), store, order.currency(), order.day(), order.customer(),
                amounts));
        if (order.alsoSecond()) {
            facts.add(new SalesFacts.OrderFact(order.id(), second, order.currency(), order.day(), order.customer(),
                    amounts));
        }
        UUID product = products.get(order.product());
        UUID merchant = order.product() % 2 == 0 ? store : second;
        List<SalesFacts.ProductFact> sold = List.of(new SalesFacts.ProductFact(order.id(), product, merchant,
                order.currency(), order.day(), new SalesFacts.ProductSales(order.units(), 100L * order.units(),
                        90L * order.units() + order.product(), "Product " + order.product(),
                        categories.get(order.product() % 2))));
        writer.replace(order.id(), new SalesFacts(facts, sold)).as(tx::transactional).block();
    }

    private void assertSameAsFacts(UUID store, UUID second, Random random) {
        List<LocalDate[]> ranges = new ArrayList<>();
        ranges.add(new LocalDate[] {BASE.minusDays(10), BASE.plusDays(120)});
        ranges.add(new LocalDate[] {LocalDate.of(2021, 3, 3), LocalDate.of(2021, 5, 19)}); // cut at both ends
        ranges.add(new LocalDate[] {LocalDate.of(2021, 3, 1), LocalDate.of(2021, 4, 30)}); // whole months
        ranges.add(new LocalDate[] {LocalDate.of(2021, 4, 6), LocalDate.of(2021, 4, 20)}); // inside one month
        ranges.add(new LocalDate[] {LocalDate.of(2021, 4, 6), LocalDate.of(2021, 4, 7)}); // inside one week
        for (int i = 0; i < 12; i++) {
            LocalDate from = BASE.plusDays(random.nextInt(100));
            ranges.add(new LocalDate[] {from, from.plusDays(random.nextInt(60))});
        }
        for (LocalDate[] range : ranges) {
            for (Interval interval : Interval.values()) {
                for (String currency : Arrays.asList(null, "USD", "GBP")) {
                    for (UUID merchant : List.of(store, second)) {
                        SalesQuery q = new SalesQuery(range[0], range[1], interval, merchant, currency);
                        assertThat(queries.customers(q).collectList().block())
                                .as("%s", q).isEqualTo(fromFacts(q));
                        SalesQuery anyMerchant = new SalesQuery(range[0], range[1], interval, null, currency);
                        for (SalesQuery p : List.of(q, anyMerchant)) {
                            for (boolean byRevenue : List.of(true, false)) {
                                assertThat(queries.products(p, byRevenue, 4).collectList().block())
                                        .as("%s", p).isEqualTo(productsFromDays(p, byRevenue, 4));
                            }
                            assertThat(queries.categories(p).collectList().block()).as("%s", p)
                                    .isEqualTo(categoriesFromDays(p));
                        }
                    }
                }
            }
        }
    }

    /** The products' former query: the daily rows of the range summed. */
    private List<SalesFigures.Product> productsFromDays(SalesQuery q, boolean byRevenue, int limit) {
        String order = byRevenue ? "revenue DESC, units DESC" : "units DESC, revenue DESC";
        return range(db.sql("SELECT d.product_id, d.currency, max(p.title) AS title, "
                + "max(p.category_id::text) AS category, max(d.merchant_id::text) AS merchant, sum(d.orders) AS orders, "
                + "sum(d.units) AS units, sum(d.gross_minor) AS gross, sum(d.revenue_minor) AS revenue "
                + "FROM report_product_daily d LEFT JOIN report_products p ON p.product_id = d.product_id "
                + "WHERE (CAST(:merchant AS uuid) IS NULL OR d.merchant_id = :merchant) AND d.day BETWEEN :from AND :to "
                + "AND d.orders > 0 AND (CAST(:currency AS text) IS NULL OR d.currency = :currency) "
                + "GROUP BY d.product_id, d.currency ORDER BY " + order + ", d.product_id, d.currency LIMIT " + limit), q)
                .map(row -> new SalesFigures.Product(row.get("product_id", UUID.class), row.get("title", String.class),
                        UUID.fromString(row.get("category", String.class)),
                        UUID.fromString(row.get("merchant", String.class)), row.get("currency", String.class),
                        productTotals(row)))
                .all().collectList().block();
    }

    /** The categories' former query: the daily rows of the range summed. */
    private List<SalesFigures.Category> categoriesFromDays(SalesQuery q) {
        return range(db.sql("SELECT p.category_id, d.currency, sum(d.orders) AS orders, sum(d.units) AS units, "
                + "sum(d.gross_minor) AS gross, sum(d.revenue_minor) AS revenue "
                + "FROM report_product_daily d LEFT JOIN report_products p ON p.product_id = d.product_id "
                + "WHERE (CAST(:merchant AS uuid) IS NULL OR d.merchant_id = :merchant) AND d.day BETWEEN :from AND :to "
                + "AND d.orders > 0 AND (CAST(:currency AS text) IS NULL OR d.currency = :currency) "
                + "GROUP BY 1, 2 ORDER BY revenue DESC, 1, 2"), q)
                .map(row -> new SalesFigures.Category(row.get("category_id", UUID.class),
                        row.get("currency", String.class), productTotals(row)))
                .all().collectList().block();
    }

    private static org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec range(
            org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec spec, SalesQuery q) {
        spec = spec.bind("from", q.from()).bind("to", q.to());
        spec = q.merchantId() == null ? spec.bindNull("merchant", UUID.class) : spec.bind("merchant", q.merchantId());
        return q.currency() == null ? spec.bindNull("currency", String.class) : spec.bind("currency", q.currency());
    }

    private static SalesFigures.ProductTotals productTotals(io.r2dbc.spi.Readable row) {
        return new SalesFigures.ProductTotals(((Number) row.get("orders")).longValue(),
                ((Number) row.get("units")).longValue(), ((Number) row.get("gross")).longValue(),
                ((Number) row.get("revenue")).longValue());
    }

    /** The report's former query: the range's facts counted, each customer's first day looked up. */
    private List<SalesFigures.Customers> fromFacts(SalesQuery q) {
        var spec = db.sql("""
                WITH f AS (
                    SELECT d.customer_id, date_trunc(:unit, d.day::timestamp)::date AS period
                    FROM report_order_facts d
                    WHERE d.merchant_id = :merchant AND d.day BETWEEN :from AND :to
                        AND (CAST(:currency AS text) IS NULL OR d.currency = :currency)),
                firsts AS (
                    SELECT c.customer_id, date_trunc(:unit, min(c.day)::timestamp)::date AS first_period
                    FROM report_order_facts c
                    WHERE c.merchant_id = :merchant AND c.customer_id IN (SELECT customer_id FROM f)
                    GROUP BY c.customer_id)
                SELECT f.period, count(*) AS orders, count(f.customer_id) AS signed_in,
                    count(DISTINCT f.customer_id) AS customers,
                    count(DISTINCT f.customer_id) FILTER (WHERE firsts.first_period = f.period) AS new_customers
                FROM f LEFT JOIN firsts ON firsts.customer_id = f.customer_id
                GROUP BY f.period ORDER BY f.period""")
                .bind("unit", q.interval().toString()).bind("merchant", q.merchantId())
                .bind("from", q.from()).bind("to", q.to());
        spec = q.currency() == null ? spec.bindNull("currency", String.class) : spec.bind("currency", q.currency());
        return spec.map(row -> {
            long orders = row.get("orders", Long.class);
            long signedIn = row.get("signed_in", Long.class);
            return new SalesFigures.Customers(row.get("period", LocalDate.class), orders, signedIn, orders - signedIn,
                    row.get("customers", Long.class), row.get("new_customers", Long.class));
        }).all().collectList().block();
    }

    /** The scopes' rows with anything in them (a withdrawn order may leave a row of zeros), in key order. */
    private Flux<String> rows(UUID store, UUID second) {
        return db.sql("""
                SELECT concat_ws(' ', merchant_id, unit, currency, day, period, orders, signed_in, firsts, lasts,
                    new_firsts, new_lasts) AS line
                FROM report_customer_days WHERE merchant_id IN (:store, :second)
                    AND (orders, signed_in, firsts, lasts, new_firsts, new_lasts) <> (0, 0, 0, 0, 0, 0)
                ORDER BY merchant_id, unit, currency, day""")
                .bind("store", store).bind("second", second).map(row -> row.get("line", String.class)).all();
    }

    private List<String> rebuiltRows(UUID store, UUID second) {
        String script;
        try {
            script = new ClassPathResource("reporting/sales-rebuild.sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String insert = Arrays.stream(script.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")).map(String::strip)
                .filter(s -> s.startsWith("INSERT INTO report_customer_days")).collect(Collectors.joining());
        assertThat(insert).isNotEmpty();
        Map<String, List<String>> out = new HashMap<>();
        tx.execute(status -> {
            status.setRollbackOnly();
            return db.sql("DELETE FROM report_customer_days").then().then(db.sql(insert).then())
                    .thenMany(rows(store, second)).collectList().doOnNext(list -> out.put("rows", list));
        }).blockLast();
        return out.get("rows");
    }
}
