package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The payments report of the reporting module (dev.surge.reporting.operations) over HTTP, here beside the
 * payment fixtures it drives payments with: figures agree with a direct SQL aggregate, the attention queue
 * points at the payments module's own actions, finance and admins only, CSV.
 */
class PaymentReportsIntegrationTests extends IntegrationTest {

    private static final String BASE = "/api/v1/admin/reports/payments";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    PaymentFixtures fixtures;
    TestTokens tokens;
    String finance;

    @BeforeEach
    void setUp() {
        tokens = new TestTokens(accessTokens);
        fixtures = new PaymentFixtures(db, http, tokens);
        finance = fixtures.finance();
    }

    Map<String, Object> get(String path, String token) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> body, String field) {
        return (List<Map<String, Object>>) body.get(field);
    }

    String event(Map<String, Object> payment, String suffix, long amount) {
        return PaymentFixtures.sandboxEvent("evt_" + payment.get("providerReference") + suffix, "payment.succeeded",
                payment.get("providerReference").toString(), payment.get("id"), amount, "USD", null);
    }

    @SuppressWarnings("unchecked")
    static long total(Map<String, Object> order) {
        return ((Number) ((Map<String, Object>) order.get("total")).get("amountMinor")).longValue();
    }

    /** The report's payment rows, and the same grouped straight from the table: provider/status/currency -> count:sum. */
    Map<String, String> fromReport(Instant from, Instant to) {
        return list(get(BASE + "?from=" + from + "&to=" + to + "&interval=month", finance), "payments").stream()
                .collect(Collectors.groupingBy(row -> row.get("provider") + "/" + row.get("status") + "/" + row.get("currency"),
                        Collectors.collectingAndThen(Collectors.toList(), rows -> rows.stream()
                                .mapToLong(r -> ((Number) r.get("count")).longValue()).sum() + ":" + rows.stream()
                                .mapToLong(r -> ((Number) r.get("amountMinor")).longValue()).sum())));
    }

    Map<String, String> fromSql(Instant from, Instant to) {
        return db.sql("""
                SELECT provider || '/' || status || '/' || trim(currency) AS k, count(*) || ':' || sum(amount_minor) AS v
                FROM payments WHERE created_at >= :from AND created_at < :to GROUP BY provider, status, currency""")
                .bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC))
                .map(row -> Map.entry(row.get("k", String.class), row.get("v", String.class))).all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    @Test
    void figuresAgreeWithSqlAndTheQueueNamesTheExistingActions() {
        Instant from = Instant.now().minusSeconds(2);
        UUID variant = fixtures.variant(20, 2500, "USD");
        PaymentFixtures.Customer buyer = fixtures.customer();
        Map<String, Object> paidOrder = fixtures.order(buyer.token(), variant, 1);
        Map<String, Object> paid = fixtures.payment(buyer.token(), paidOrder.get("id"));
        String success = event(paid, "_ok", total(paidOrder));
        fixtures.sandboxWebhook(success).expectStatus().isOk().expectBody().jsonPath("$.duplicate").isEqualTo(false);
        fixtures.sandboxWebhook(success).expectStatus().isOk().expectBody().jsonPath("$.duplicate").isEqualTo(true);
        Map<String, Object> flaggedOrder = fixtures.order(buyer.token(), variant, 1);
        Map<String, Object> flagged = fixtures.payment(buyer.token(), flaggedOrder.get("id"));
        fixtures.sandboxWebhook(event(flagged, "_short", total(flaggedOrder) - 1)).expectStatus().isOk();
        fixtures.order(buyer.token(), variant, 2);
        Instant to = Instant.now().plusSeconds(1);

        // Background jobs may move a payment between the two reads: they agree once nothing moves.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fromReport(from, to)).isEqualTo(fromSql(from, to)));
        Map<String, Object> report = get(BASE + "?from=" + from + "&to=" + to, finance);
        assertThat(report).containsEntry("interval", "day");
        Map<String, Object> sandbox = list(report, "webhooks").stream().filter(w -> w.get("provider").equals("sandbox"))
                .findFirst().orElseThrow();
        long received = fixtures.count("SELECT count(*) FROM payment_events WHERE provider = 'sandbox' AND received_at >= "
                + "(SELECT created_at FROM payments WHERE id = :id) - interval '3 seconds'", paid.get("id"));
        assertThat(((Number) sandbox.get("received")).longValue()).isEqualTo(received).isGreaterThanOrEqualTo(2);
        assertThat(((Number) sandbox.get("redeliveries")).longValue()).isGreaterThanOrEqualTo(1);

        // The flagged payment waits for a person, with the payments module's own endpoints to act on it.
        List<Map<String, Object>> queue = list(get(BASE + "/attention?limit=200", finance), "items");
        Map<String, Object> item = queue.stream().filter(i -> i.get("kind").equals("payment_flagged")
                && i.get("paymentId").equals(flagged.get("id"))).findFirst().orElseThrow();
        assertThat(item).containsEntry("detail", "amount_mismatch").containsEntry("orderId", flaggedOrder.get("id"));
        assertThat(list(item, "actions")).extracting(a -> a.get("method") + " " + a.get("href")).containsExactly(
                "POST /api/v1/payments/" + flagged.get("id") + "/refunds", "GET /api/v1/payments/" + flagged.get("id"));

        String csv = http.get().uri(BASE + ".csv?from=" + from + "&to=" + to).headers(h -> h.setBearerAuth(finance))
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("section,interval,provider,status_or_kind,currency,count,amount_minor,other\r\n")
                .contains("\r\npayments,").contains("\r\nwebhooks,,sandbox,");
        String queueCsv = http.get().uri(BASE + "/attention").headers(h -> h.setBearerAuth(finance))
                .accept(MediaType.parseMediaType("text/csv")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(queueCsv).startsWith("kind,since,item_id,payment_id,").contains("payment_flagged,");
    }

    @Test
    void financeAndAdminsOnlyAndBadInputIsAProblem() {
        http.get().uri(BASE).headers(h -> h.setBearerAuth(tokens.admin())).exchange().expectStatus().isOk();
        http.get().uri(BASE + "/attention").headers(h -> h.setBearerAuth(tokens.as(UUID.randomUUID(), "SELLER")))
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri(BASE).headers(h -> h.setBearerAuth(tokens.customer(UUID.randomUUID()))).exchange()
                .expectStatus().isForbidden();
        for (String query : List.of("?interval=hour", "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "?to=soon",
                "?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "/attention?limit=0", "/attention?cursor=x.y")) {
            http.get().uri(BASE + query).headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").value(code -> assertThat(code).isIn("validation_failed", "invalid_cursor"));
        }
    }
}
