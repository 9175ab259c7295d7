package dev.surge.reporting;

import static dev.surge.reporting.ReportFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.reporting.carts.domain.CartCountsFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The carts reports over HTTP: guests and signed-in customers fill carts, check some out and pay some; the funnel
 * moves by exactly what they did (carts counted by the cart scripts, copied by {@link CartCountsFeed}), checkouts and
 * paid orders are those of the orders, and a signed-in cart left alone becomes abandoned only after
 * {@code surge.reporting.carts.abandoned-after} (3 s in tests), while carts that became orders never do.
 */
class CartReportsIntegrationTests extends dev.surge.support.IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(3);

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    CartCountsFeed counts;

    ReportFixtures fixtures;
    String admin;

    @BeforeEach
    void setUp() {
        fixtures = new ReportFixtures(db, http, accessTokens);
        admin = fixtures.token("ADMIN", null);
    }

    @Test
    void theFunnelCountsWhatShoppersDidAndLeftCartsBecomeAbandoned() {
        UUID shop = fixtures.rows.merchant();
        UUID lamp = fixtures.rows.variantOf(shop, 100, 1999, "USD", null).id();
        // Kronor: no other test leaves a signed-in cart in them, so their abandoned totals are this test's.
        UUID vase = fixtures.rows.variantOf(shop, 100, 25000, "SEK", null).id();
        counts.write().block();
        long[] before = funnel();

        // Guest A: a cart, then a second line of it (one cart started, with items once).
        String guestA = add(null, null, lamp, 1);
        add(null, guestA, lamp, 1);
        // Guest B: a cart ordered from and paid; then a new cart under the same token (started again).
        String guestB = add(null, null, lamp, 2);
        Map<String, Object> orderB = checkout(null, guestB);
        fixtures.pay(orderB, null);
        add(null, guestB, lamp, 1);
        // Customer C opens an empty cart (started), fills it (with items), orders and pays it.
        UUID carol = fixtures.customer();
        String carolToken = fixtures.tokenOf(carol);
        cart(carolToken).expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        add(carolToken, null, lamp, 1);
        fixtures.pay(checkout(carolToken, null), carolToken);
        // Guest G signs in as H: the cart moved into H's (made for it) was counted as G's, nothing more.
        String guestG = add(null, null, lamp, 1);
        String hal = fixtures.tokenOf(fixtures.customer());
        http.post().uri("/api/v1/cart/merge").headers(h -> {
            h.setBearerAuth(hal);
            h.set("X-Cart-Token", guestG);
        }).exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);
        // Customers D and F fill carts in kronor and leave them; E only looks at an empty cart.
        Instant leftAt = Instant.now();
        UUID dan = fixtures.customer();
        add(fixtures.tokenOf(dan), null, vase, 2);
        UUID fay = fixtures.customer();
        add(fixtures.tokenOf(fay), null, vase, 1);
        UUID eve = fixtures.customer();
        cart(fixtures.tokenOf(eve)).expectStatus().isOk();

        // Started: A 1, B 2, C 1, G 1, D 1, F 1, E 1; with items: all but E.
        counts.write().block();
        long[] after = funnel();
        assertThat(after[0] - before[0]).as("carts started").isEqualTo(8);
        assertThat(after[1] - before[1]).as("carts with items").isEqualTo(7);
        counts.write().block(); // a repeated write changes nothing
        assertThat(funnel()[0]).isEqualTo(after[0]);

        // Checkouts and paid orders: those of the orders table, once the orders' events are in.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            long[] now = funnel();
            assertThat(new long[] {now[2], now[3]}).isEqualTo(ordersPlacedAndPaid());
        });

        // Abandoned: D's and F's carts, not before 3 s after their last change; C's (ordered) and E's (empty) never.
        Map<String, Object> report = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> abandoned("currency=SEK&" + range()), r -> customers(r).containsAll(List.of(dan, fay)));
        assertThat(Duration.between(leftAt, Instant.now())).isGreaterThanOrEqualTo(ABANDONED_AFTER);
        assertThat(report.get("abandonedAfter")).isEqualTo("PT3S");
        assertThat(customers(report)).containsExactlyInAnyOrder(dan, fay);
        assertThat(items(report).stream().filter(item -> item.get("customerId").equals(dan.toString())).findFirst()
                .orElseThrow()).containsEntry("currency", "SEK").containsEntry("lines", 1).containsEntry("units", 2)
                .containsEntry("valueMinor", 50000);
        assertThat(report.get("totals")).isEqualTo(
                List.of(Map.of("currency", "SEK", "carts", 2, "units", 3, "valueMinor", 75000)));
        assertThat(customers(abandoned("limit=500&" + range()))).doesNotContain(carol, eve).contains(dan, fay);

        // Pages follow one another with the cursor (the most recently active first); the totals are of all of them.
        Map<String, Object> first = abandoned("currency=SEK&limit=1&" + range());
        Map<String, Object> second = abandoned("currency=SEK&limit=1&cursor=" + first.get("nextCursor") + "&" + range());
        assertThat(List.of(customers(first).get(0), customers(second).get(0))).isEqualTo(customers(report));
        assertThat(second.get("nextCursor")).isNull();
        assertThat(second.get("totals")).isEqualTo(report.get("totals"));

        // CSV: every cart, then the totals, money in major units.
        String csv = get("/api/v1/admin/reports/carts/abandoned.csv?currency=SEK&" + range(), admin).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("row,customer_id,currency,carts,lines,units,value,started_at,last_activity_at");
        assertThat(List.of(lines[1], lines[2])).anyMatch(line -> line.startsWith("cart," + dan + ",SEK,1,1,2,500.00,"))
                .anyMatch(line -> line.startsWith("cart," + fay + ",SEK,1,1,1,250.00,"));
        assertThat(lines[3]).isEqualTo("total,,SEK,2,,3,750.00,,");
        String funnelCsv = get("/api/v1/admin/reports/carts.csv?" + range(), admin).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(funnelCsv).startsWith("period,carts_started,carts_with_items,checkouts,paid,checkout_rate,paid_rate\r\n");
    }

    @Test
    void onlyAdministratorsReadTheCartsReportsAndBadParametersAreProblems() {
        UUID shop = fixtures.rows.merchant();
        for (String path : List.of("/api/v1/admin/reports/carts", "/api/v1/admin/reports/carts.csv",
                "/api/v1/admin/reports/carts/abandoned", "/api/v1/admin/reports/carts/abandoned.csv")) {
            get(path, fixtures.token("SELLER", shop)).expectStatus().isForbidden();
            get(path, fixtures.token("FINANCE", null)).expectStatus().isForbidden();
            get(path, fixtures.tokenOf(fixtures.customer())).expectStatus().isForbidden();
            http.get().uri(path).exchange().expectStatus().isUnauthorized();
            get(path, admin).expectStatus().isOk();
            get(path, fixtures.token("SUPER_ADMIN", null)).expectStatus().isOk();
        }
        for (String query : List.of("from=2026-13-01", "from=2026-05-02&to=2026-05-01", "from=2020-01-01&to=2026-01-01",
                "interval=year", "merchant=" + shop, "currency=USD")) {
            problem("/api/v1/admin/reports/carts?" + query, "validation_failed");
        }
        for (String query : List.of("limit=0", "limit=501", "limit=ten", "currency=usd", "interval=week",
                "merchant=" + shop, "to=yesterday")) {
            problem("/api/v1/admin/reports/carts/abandoned?" + query, "validation_failed");
        }
        problem("/api/v1/admin/reports/carts/abandoned?cursor=not-a-cursor", "invalid_cursor");
        get("/api/v1/admin/reports/carts?interval=WEEK&from=2026-05-01&to=2026-05-31", admin).expectStatus().isOk()
                .expectBody().jsonPath("$.range.interval").isEqualTo("week");
    }

    /** Adds units to the cart of a customer (bearer token) or guest (cart token, null for a new cart); the token. */
    private String add(String bearer, String cartToken, UUID variant, int quantity) {
        var result = http.post().uri("/api/v1/cart/items").headers(h -> {
                    if (bearer != null) {
                        h.setBearerAuth(bearer);
                    }
                    if (cartToken != null) {
                        h.set("X-Cart-Token", cartToken);
                    }
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variantId", variant.toString(), "quantity", quantity)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult();
        String token = result.getResponseHeaders().getFirst("X-Cart-Token");
        return token != null ? token : cartToken;
    }

    private WebTestClient.ResponseSpec cart(String bearer) {
        return http.get().uri("/api/v1/cart").headers(h -> h.setBearerAuth(bearer)).exchange();
    }

    /** Orders the whole cart of a customer (bearer) or guest (cart token). */
    private Map<String, Object> checkout(String bearer, String cartToken) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (bearer == null) {
            body.put("email", "guest-" + UUID.randomUUID() + "@example.com");
        }
        body.put("shippingAddress", Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way", "city",
                "Springfield", "postalCode", "12345", "country", "US", "region", "CA"));
        return http.post().uri("/api/v1/orders").headers(h -> {
                    if (bearer != null) {
                        h.setBearerAuth(bearer);
                    } else {
                        h.set("X-Cart-Token", cartToken);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    /** The funnel of the test's days, summed: started, with items, checkouts, paid. */
    @SuppressWarnings("unchecked")
    private long[] funnel() {
        long[] sums = new long[4];
        List<Map<String, Object>> rows = (List<Map<String, Object>>) get("/api/v1/admin/reports/carts?interval=month&"
                + range(), admin).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("items");
        List<String> figures = List.of("cartsStarted", "cartsWithItems", "checkouts", "paid");
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < figures.size(); i++) {
                sums[i] += ((Number) row.get(figures.get(i))).longValue();
            }
        }
        return sums;
    }

    /** Orders placed and orders paid on the test's days, every currency, straight from the orders. */
    private long[] ordersPlacedAndPaid() {
        return db.sql("""
                SELECT count(*) FILTER (WHERE (created_at AT TIME ZONE 'UTC')::date BETWEEN d - 1 AND d + 1) AS placed,
                    count(*) FILTER (WHERE (paid_at AT TIME ZONE 'UTC')::date BETWEEN d - 1 AND d + 1) AS paid
                FROM orders, (SELECT (now() AT TIME ZONE 'UTC')::date AS d) today""")
                .map(row -> new long[] {row.get("placed", Long.class), row.get("paid", Long.class)}).one().block();
    }

    private Map<String, Object> abandoned(String query) {
        return get("/api/v1/admin/reports/carts/abandoned?" + query, admin).expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("items");
    }

    private static List<UUID> customers(Map<String, Object> report) {
        return items(report).stream().map(item -> UUID.fromString(item.get("customerId").toString())).toList();
    }

    private void problem(String path, String code) {
        get(path, admin).expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    private WebTestClient.ResponseSpec get(String path, String token) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }
}
