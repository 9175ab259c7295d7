package dev.surge.reporting;

import static dev.surge.reporting.ReportFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderPlaced;
import dev.surge.orders.OrderRefunded;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.security.AccessTokens;
import dev.surge.reporting.ReportFixtures.Line;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The sales reports over HTTP, fed by the orders' events: they agree with a direct SQL aggregate of the same orders
 * (multi-merchant, multi-currency, refunded, cancelled and unpaid ones), a repeated event changes nothing, a rebuild
 * gives the same figures, and a seller reads only its own merchant.
 */
class SalesReportsIntegrationTests extends IntegrationTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(120);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final List<String> FIGURES = List.of("orders", "units", "grossMinor", "discountsMinor", "taxMinor",
            "shippingMinor", "refundsMinor", "totalMinor");

    @Autowired
    DatabaseClient db;
    @Autowired
    List<EventHandler<?>> handlers;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionalOperator tx;

    ReportFixtures fixtures;
    String admin;

    @BeforeEach
    void setUp() {
        fixtures = new ReportFixtures(db, http, accessTokens);
        admin = fixtures.token("ADMIN", null);
    }

    @Test
    void aPaymentsMoveIsRefreshedOnceThroughItsOrderPaidAndLaterMovesThroughTheStatusHandler() {
        UUID shop = fixtures.rows.merchant();
        UUID lamp = fixtures.rows.variantOf(shop, 50, 1999, "USD", null).id();
        UUID ada = fixtures.customer();
        String adaToken = fixtures.tokenOf(ada);
        Map<String, Object> order = fixtures.order(adaToken, List.of(new Line(lamp, 1)));
        Map<String, Object> payment = fixtures.pay(order, adaToken);
        fixtures.refund(payment, 500, fixtures.token("FINANCE", null));
        UUID orderId = UUID.fromString(order.get("id").toString());

        UUID paidMove = moveEvent(orderId, "PAID");
        UUID refundMove = moveEvent(orderId, "PARTIALLY_REFUNDED");

        // The status handler reads an order's events in order: once it has handled the refund's move, it has
        // settled the payment's move before it, without a transaction (OrderPaid's handler refreshed the facts).
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(processedBy("reporting.sales.status", refundMove)).isEqualTo(1));
        assertThat(processedBy("reporting.sales.status", paidMove)).isZero();
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(handled("reporting.sales.paid", orderId)).isEqualTo(1));
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(byCurrency(sales("merchant=" + shop)).get("USD")).containsEntry("orders", 1L)
                        .containsEntry("grossMinor", 1999L).containsEntry("refundsMinor", 500L));
    }

    @Test
    void checkoutsThatArriveTogetherAreEachCountedOnceOnTheirDay() {
        EventHandler<OrderPlaced> placed = placedHandler();
        Instant day = Instant.parse("2003-03-03T10:00:00Z");
        UUID first = UUID.randomUUID();
        UUID guests = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        List<OrderPlaced> batch = List.of(checkout(first, UUID.randomUUID(), day), checkout(guests, null, day),
                checkout(later, UUID.randomUUID(), day.plus(Duration.ofDays(1))), checkout(first, UUID.randomUUID(), day));
        try {
            placed.handleAll(batch, List.of()).as(tx::transactional).block(Duration.ofSeconds(10));
            // Delivered again with one more: only the new one counts.
            UUID another = UUID.randomUUID();
            placed.handleAll(List.of(checkout(guests, null, day), checkout(another, null, day)), List.of())
                    .as(tx::transactional).block(Duration.ofSeconds(10));

            assertThat(checkoutsOn("2003-03-03")).isEqualTo(3);
            assertThat(checkoutsOn("2003-03-04")).isEqualTo(1);
            assertThat(db.sql("SELECT count(*) FROM report_checkouts WHERE order_id IN (:ids) AND customer_id IS NULL")
                    .bind("ids", List.of(first, guests, later, another)).map(row -> row.get(0, Long.class)).one()
                    .block()).isEqualTo(2);
        } finally {
            db.sql("DELETE FROM report_checkouts WHERE currency = 'XTS'").then()
                    .then(db.sql("DELETE FROM report_checkouts_daily WHERE currency = 'XTS'").then()).block();
        }
    }

    private static OrderPlaced checkout(UUID orderId, UUID customerId, Instant at) {
        return new OrderPlaced(orderId, "SRG-TEST", customerId, "buyer@example.com", new Money(1000, "XTS"), List.of(),
                at.plus(Duration.ofMinutes(30)), at);
    }

    private long checkoutsOn(String day) {
        return db.sql("SELECT checkouts FROM report_checkouts_daily WHERE currency = 'XTS' AND day = :day::date")
                .bind("day", day).map(row -> row.get(0, Long.class)).one().defaultIfEmpty(0L).block();
    }

    @SuppressWarnings("unchecked")
    private EventHandler<OrderPlaced> placedHandler() {
        return (EventHandler<OrderPlaced>) handlers.stream()
                .filter(handler -> handler.name().equals("reporting.sales.placed")).findFirst().orElseThrow();
    }

    /** The outbox id of the order's move to {@code to}, once it is written. */
    private UUID moveEvent(UUID orderId, String to) {
        return await().atMost(EVENTUALLY).until(() -> db.sql("SELECT id FROM outbox_events WHERE event_key = :key "
                        + "AND event_type = 'OrderStatusChanged' AND payload ->> 'to' = :to")
                .bind("key", orderId.toString()).bind("to", to).map(row -> row.get("id", UUID.class)).one()
                .blockOptional(), java.util.Optional::isPresent).orElseThrow();
    }

    private long processedBy(String handler, UUID eventId) {
        return db.sql("SELECT count(*) FROM processed_events WHERE handler = :h AND event_id = :id")
                .bind("h", handler).bind("id", eventId).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void reportsAgreeWithTheOrdersThroughRepeatsAndARebuild() {
        CatalogRows rows = fixtures.rows;
        UUID shopA = rows.merchant();
        UUID shopB = rows.merchant();
        UUID lamp = rows.variantOf(shopA, 50, 1999, "USD", null).id();
        UUID kettle = rows.variantOf(shopA, 50, 1500, "GBP", null).id();
        UUID mug = rows.variantOf(shopB, 50, 500, "USD", null).id();
        UUID ada = fixtures.customer();
        String adaToken = fixtures.tokenOf(ada);
        String finance = fixtures.token("FINANCE", null);

        Map<String, Object> mixed = fixtures.order(adaToken, List.of(new Line(lamp, 1), new Line(mug, 2)));
        fixtures.pay(mixed, adaToken);
        Map<String, Object> refunded = fixtures.order(adaToken, List.of(new Line(lamp, 2)));
        Map<String, Object> refundedPayment = fixtures.pay(refunded, adaToken);
        Map<String, Object> euros = fixtures.poundOrder(null, List.of(new Line(kettle, 1)));
        fixtures.pay(euros, null);
        Map<String, Object> cancelled = fixtures.order(adaToken, List.of(new Line(lamp, 3)));
        http.post().uri("/api/v1/orders/" + cancelled.get("id") + "/cancel").headers(h -> h.setBearerAuth(adaToken))
                .exchange().expectStatus().isOk();
        fixtures.order(adaToken, List.of(new Line(mug, 4))); // never paid
        fixtures.refund(refundedPayment, 1000, finance);

        // The event-fed figures of each merchant are those of a direct aggregate of its order lines.
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(byCurrency(sales("merchant=" + shopA))).isEqualTo(expectedFor(shopA));
            assertThat(byCurrency(sales("merchant=" + shopB))).isEqualTo(expectedFor(shopB));
        });
        Map<String, Map<String, Long>> a = byCurrency(sales("merchant=" + shopA));
        assertThat(a.get("USD")).containsEntry("orders", 2L).containsEntry("units", 3L)
                .containsEntry("refundsMinor", 1000L);
        assertThat(a.get("GBP")).containsEntry("orders", 1L).containsEntry("units", 1L);
        assertThat(byCurrency(sales("merchant=" + shopB)).get("USD")).containsEntry("orders", 1L)
                .containsEntry("units", 2L).containsEntry("grossMinor", 1000L).containsEntry("refundsMinor", 0L);

        // The breakdowns say the same.
        List<Map<String, Object>> top = items("/sales/products?by=revenue&limit=5&merchant=" + shopA + "&" + range());
        assertThat(top).extracting(p -> p.get("currency")).containsExactly("USD", "GBP");
        assertThat(((Map<?, ?>) top.get(0).get("totals")).get("units")).isEqualTo(3);
        List<Map<String, Object>> merchants = items("/sales/merchants?merchant=" + shopB + "&" + range());
        assertThat(merchants).hasSize(1);
        assertThat(((Map<?, ?>) merchants.get(0).get("figures")).get("grossMinor")).isEqualTo(1000);
        List<Map<String, Object>> buyers = items("/customers?merchant=" + shopA + "&interval=month&" + range());
        assertThat(buyers).isNotEmpty();
        long customers = buyers.stream().mapToLong(b -> ((Number) b.get("customers")).longValue()).sum();
        long guests = buyers.stream().mapToLong(b -> ((Number) b.get("guestOrders")).longValue()).sum();
        assertThat(customers).isEqualTo(1);
        assertThat(guests).isEqualTo(1);

        // The same events again (a repeat with a new id, as a producer retry would make): nothing moves.
        Map<String, Map<String, Long>> before = byCurrency(sales("merchant=" + shopA));
        List<List<Map<String, Object>>> buyersBefore = buyers(shopA);
        UUID mixedId = UUID.fromString(mixed.get("id").toString());
        UUID refundedId = UUID.fromString(refunded.get("id").toString());
        outbox.append(new OrderPaid(mixedId, "R", ada, null, new Money(3999, "USD"), "again")).as(tx::transactional)
                .block();
        outbox.append(new OrderRefunded(refundedId, "R", new Money(1000, "USD"), new Money(1000, "USD"), false,
                "again", Instant.now())).as(tx::transactional).block();
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(handled("reporting.sales.paid", mixedId)
                + handled("reporting.sales.refunded", refundedId)).isEqualTo(4));
        assertThat(byCurrency(sales("merchant=" + shopA))).isEqualTo(before);
        assertThat(byCurrency(sales("merchant=" + shopB))).isEqualTo(expectedFor(shopB));
        assertThat(buyers(shopA)).isEqualTo(buyersBefore);

        // A rebuild from the orders' tables gives the same figures, and the whole store's are its orders'.
        http.post().uri("/api/v1/admin/reports/sales/rebuild").headers(h -> h.setBearerAuth(finance)).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/admin/reports/sales/rebuild").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.orders").isNumber();
        assertThat(byCurrency(sales("merchant=" + shopA))).isEqualTo(before);
        assertThat(byCurrency(sales("merchant=" + shopB))).isEqualTo(expectedFor(shopB));
        assertThat(byCurrency(sales(""))).isEqualTo(expectedForStore());
        assertThat(buyers(shopA)).isEqualTo(buyersBefore);

        // Checkouts against paid orders: every order placed in the range, every one paid in it, per currency.
        Map<String, List<Long>> conversion = new HashMap<>();
        for (Map<String, Object> row : items("/conversion?interval=month&" + range())) {
            conversion.merge(row.get("currency").toString(), List.of(((Number) row.get("checkouts")).longValue(),
                    ((Number) row.get("paid")).longValue()), (x, y) -> List.of(x.get(0) + y.get(0), x.get(1) + y.get(1)));
        }
        Map<String, List<Long>> expected = new HashMap<>();
        db.sql("""
                SELECT currency, count(*) FILTER (WHERE (created_at AT TIME ZONE 'UTC')::date BETWEEN d - 1 AND d + 1)
                        AS checkouts,
                    count(*) FILTER (WHERE (paid_at AT TIME ZONE 'UTC')::date BETWEEN d - 1 AND d + 1) AS paid
                FROM orders, (SELECT (now() AT TIME ZONE 'UTC')::date AS d) today GROUP BY currency""")
                .map(row -> Map.entry(row.get("currency", String.class).trim(),
                        List.of(row.get("checkouts", Long.class), row.get("paid", Long.class))))
                .all().filter(e -> e.getValue().get(0) + e.getValue().get(1) > 0)
                .doOnNext(e -> expected.put(e.getKey(), e.getValue())).blockLast();
        assertThat(conversion).isEqualTo(expected);
        assertThat(conversion.get("GBP").get(0)).isPositive();
    }

    /** The customers report of the merchant and of the whole store, by day, week and month, each currency and all. */
    private List<List<Map<String, Object>>> buyers(UUID merchant) {
        List<List<Map<String, Object>>> out = new java.util.ArrayList<>();
        for (String scope : List.of("merchant=" + merchant + "&", "")) {
            for (String interval : List.of("day", "week", "month")) {
                for (String currency : List.of("", "currency=USD&", "currency=GBP&")) {
                    out.add(items("/customers?" + scope + currency + "interval=" + interval + "&" + range()));
                }
            }
        }
        return out;
    }

    /** The report's totals of every currency, as longs. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Long>> byCurrency(Map<String, Object> report) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (Map<String, Object> total : (List<Map<String, Object>>) report.get("totals")) {
            Map<String, Long> figures = new HashMap<>();
            FIGURES.forEach(f -> figures.put(f, ((Number) total.get(f)).longValue()));
            out.put(total.get("currency").toString(), figures);
        }
        return out;
    }

    private Map<String, Object> sales(String query) {
        return http.get().uri("/api/v1/admin/reports/sales?" + query + "&" + range())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String path) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/admin/reports" + path)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody().get("items");
    }

    private long handled(String handler, UUID orderId) {
        return db.sql("SELECT count(*) FROM processed_events WHERE handler = :h AND event_id IN "
                        + "(SELECT id FROM outbox_events WHERE event_key = :key AND topic = 'surge.orders')")
                .bind("h", handler).bind("key", orderId.toString()).map(row -> row.get(0, Long.class)).one().block();
    }

    /**
     * A merchant's share, straight from the orders: its lines' units, gross, discounts, tax; the shipping of the
     * orders whose first line is its; the refunds of orders that are all its (the test refunds no mixed order).
     */
    private Map<String, Map<String, Long>> expectedFor(UUID merchant) {
        return aggregate("""
                WITH m AS (
                    SELECT o.id, o.currency, o.prices_include_tax, o.refunded_minor, o.shipping_minor,
                        sum(l.quantity) AS units, sum(l.unit_price_minor * l.quantity) AS gross,
                        sum(l.discount_minor) AS discounts, sum(l.tax_minor) AS tax, sum(l.line_total_minor) AS lt,
                        bool_and(l.merchant_id = :m) AS alone,
                        min(l.line_no) = 1 AS first
                    FROM orders o JOIN order_lines l ON l.order_id = o.id
                    WHERE o.paid_at IS NOT NULL AND l.merchant_id = :m
                    GROUP BY o.id)
                SELECT currency, count(*) AS orders, sum(units) AS units, sum(gross) AS gross,
                    sum(discounts) AS discounts, sum(tax) AS tax,
                    sum(CASE WHEN first THEN shipping_minor ELSE 0 END) AS shipping,
                    sum(CASE WHEN alone THEN refunded_minor ELSE 0 END) AS refunds,
                    sum(lt + CASE WHEN prices_include_tax THEN 0 ELSE tax END
                        + CASE WHEN first THEN shipping_minor ELSE 0 END) AS total
                FROM m GROUP BY currency""", merchant);
    }

    /** The whole store's paid orders of the range, straight from the orders. */
    private Map<String, Map<String, Long>> expectedForStore() {
        return aggregate("""
                SELECT o.currency, count(*) AS orders, sum(l.units) AS units, sum(l.gross) AS gross,
                    sum(o.discount_minor) AS discounts, sum(o.tax_minor) AS tax, sum(o.shipping_minor) AS shipping,
                    sum(o.refunded_minor) AS refunds, sum(o.total_minor) AS total
                FROM orders o JOIN LATERAL (SELECT sum(quantity) AS units, sum(unit_price_minor * quantity) AS gross
                    FROM order_lines WHERE order_id = o.id) l ON true
                WHERE o.paid_at IS NOT NULL AND (o.paid_at AT TIME ZONE 'UTC')::date
                    BETWEEN (now() AT TIME ZONE 'UTC')::date - 1 AND (now() AT TIME ZONE 'UTC')::date + 1 AND CAST(:m AS uuid) IS NULL
                GROUP BY o.currency""", null);
    }

    private Map<String, Map<String, Long>> aggregate(String sql, UUID merchant) {
        var spec = db.sql(sql);
        spec = merchant == null ? spec.bindNull("m", UUID.class) : spec.bind("m", merchant);
        Map<String, Map<String, Long>> out = new HashMap<>();
        spec.fetch().all().doOnNext(row -> {
            Map<String, Long> figures = new HashMap<>();
            List<String> columns = List.of("orders", "units", "gross", "discounts", "tax", "shipping", "refunds", "total");
            for (int i = 0; i < columns.size(); i++) {
                figures.put(FIGURES.get(i), ((Number) row.get(columns.get(i))).longValue());
            }
            out.put(row.get("currency").toString().trim(), figures);
        }).blockLast();
        return out;
    }
}
