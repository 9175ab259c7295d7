package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.payments.sandbox.SandboxGateway;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Refunds are final only when the provider says so: a refund the provider fails after it succeeded is taken
 * back (owed again, on the payment and on the order), late or repeated events in any order do not bring it
 * back, and trying it again goes to the provider as a new attempt under a new key.
 */
class RefundLifecycleIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    SandboxGateway sandbox;

    PaymentFixtures fixtures;
    String finance;

    @BeforeEach
    void setUp() {
        fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
        finance = fixtures.finance();
    }

    record Paid(String orderId, String paymentId, String reference, String customerToken, UUID variant) {
    }

    /** An order of one unit at 25.00 USD, paid through the sandbox as a shopper would. */
    Paid paid() {
        UUID variant = fixtures.variant(10, 2500, "USD");
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), variant, 1);
        Map<String, Object> payment = fixtures.payment(customer.token(), order.get("id"));
        String reference = payment.get("providerReference").toString();
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isOk();
        assertThat(fixtures.orderStatus(order.get("id"))).isEqualTo("PAID");
        return new Paid(order.get("id").toString(), payment.get("id").toString(), reference, customer.token(), variant);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> refund(Paid p, String key, Long amount) {
        return http.post().uri("/api/v1/payments/" + p.paymentId() + "/refunds").headers(h -> {
                    h.setBearerAuth(finance);
                    h.set("Idempotency-Key", key);
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(amount == null ? Map.of() : Map.of("amountMinor", amount))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The sandbox announces each refund by webhook too: wait until it is applied, so it cannot come later. */
    void announced(Object refundReference) {
        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql("SELECT count(*) FROM payment_events "
                        + "WHERE refund_reference = :r AND type = 'REFUND_SUCCEEDED' AND processed_at IS NOT NULL")
                .bind("r", refundReference.toString()).map(row -> ((Number) row.get(0)).longValue()).one().block() == 1);
    }

    String refundEvent(Paid p, String eventId, String type, String refundReference, long amount) {
        return PaymentFixtures.sandboxEvent(eventId, type, p.reference(), p.paymentId(), amount, "USD", refundReference);
    }

    @Test
    void aRefundFailedAfterItSucceededIsOwedAgainAndTryingItAgainIsANewAttemptUnderANewKey() {
        Paid p = paid();
        String key = UUID.randomUUID().toString();
        Map<String, Object> first = refund(p, key, 1000L);
        assertThat(first.get("status")).isEqualTo("SUCCEEDED");
        String firstReference = first.get("refundReference").toString();
        announced(firstReference);
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PARTIALLY_REFUNDED");

        // Days later the card's bank sends the refund back: the provider fails it and says so by webhook.
        sandbox.failRefund(p.reference(), firstReference).block(Duration.ofSeconds(10));

        http.get().uri("/api/v1/payments/" + p.paymentId()).headers(h -> h.setBearerAuth(finance)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.refunded.amountMinor").isEqualTo(0)
                .jsonPath("$.flag").isEqualTo("refund_failed")
                .jsonPath("$.refunds[0].status").isEqualTo("FAILED")
                .jsonPath("$.refunds[0].reversedAt").isNotEmpty();
        // The order is back where it was, and owes the money again.
        http.get().uri("/api/v1/orders/" + p.orderId()).headers(h -> h.setBearerAuth(p.customerToken())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("PAID")
                .jsonPath("$.refunded.amountMinor").isEqualTo(0)
                .jsonPath("$.refundDue").isEqualTo(true)
                .jsonPath("$.refundsDue[0].reason").isEqualTo("refund_failed")
                .jsonPath("$.refundsDue[0].amount.amountMinor").isEqualTo(1000)
                .jsonPath("$.refundsDue[0].settledAt").doesNotExist();

        // Late, repeated and reordered deliveries about that refund: the provider says it failed, so nothing moves.
        List<String> storm = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            storm.add(refundEvent(p, "evt_" + firstReference, "refund.succeeded", firstReference, 1000));
            storm.add(refundEvent(p, "evt_" + firstReference + "_late_" + i, "refund.succeeded", firstReference, 1000));
            storm.add(refundEvent(p, "evt_" + firstReference + "_failed", "refund.failed", firstReference, 1000));
        }
        Collections.shuffle(storm, new Random(14));
        storm.forEach(body -> fixtures.sandboxWebhook(body).expectStatus().isOk());
        assertThat(fixtures.column("SELECT status FROM refunds WHERE payment_id = :id", p.paymentId())).isEqualTo("FAILED");
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PAID");
        assertThat(fixtures.column("SELECT refunded_minor FROM payments WHERE id = :id", p.paymentId())).isEqualTo("0");
        assertThat(fixtures.count("SELECT count(*) FROM payment_events WHERE payment_id = :id AND outcome = 'reversed'",
                p.paymentId())).isEqualTo(1);

        // Finance tries it again: a second attempt, sent under a new provider key, so the provider makes a new
        // refund instead of answering the old failure again (the sandbox, like Stripe, answers a key it knows).
        String retry = "/api/v1/payments/" + p.paymentId() + "/refunds/" + first.get("id") + "/retry";
        http.post().uri(retry).headers(h -> {
            h.setBearerAuth(p.customerToken());
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/payments/" + p.paymentId() + "/refunds/" + UUID.randomUUID() + "/retry").headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).exchange().expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("refund_not_found");
        Map<String, Object> again = retry(retry);
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(again.get("status")).isEqualTo("SUCCEEDED");
        assertThat(again.get("attempt")).isEqualTo(2);
        assertThat(again.get("refundReference")).isNotEqualTo(firstReference);
        assertThat(fixtures.column("SELECT provider_key FROM refunds WHERE payment_id = :id", p.paymentId()))
                .isEqualTo("refund-" + first.get("id") + "-2");
        announced(again.get("refundReference"));
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(fixtures.column("SELECT refunded_minor FROM orders WHERE id = :id", p.orderId())).isEqualTo("1000");
        assertThat(fixtures.column("SELECT settled_at IS NOT NULL FROM order_refunds_due WHERE order_id = :id", p.orderId()))
                .isEqualTo("true");
        assertThat(fixtures.column("SELECT refunded_minor FROM payments WHERE id = :id", p.paymentId())).isEqualTo("1000");
        // A refund that stands is not tried again.
        http.post().uri(retry).headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("refund_not_retryable");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> retry(String path) {
        return http.post().uri(path).headers(h -> {
                    h.setBearerAuth(finance);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aFullRefundFailedAfterItsUnitsWentBackOnHandKeepsTheOrderClosedAndOwesTheMoney() {
        Paid p = paid();
        Map<String, Object> refund = refund(p, UUID.randomUUID().toString(), null);
        announced(refund.get("refundReference"));
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("REFUNDED");
        await().atMost(Duration.ofSeconds(20)).until(() -> "10".equals(fixtures.column(
                "SELECT on_hand FROM inventory_stock WHERE variant_id = :id", p.variant())));

        int paidMinor = Integer.parseInt(fixtures.column("SELECT paid_minor FROM orders WHERE id = :id", p.orderId()));
        sandbox.failRefund(p.reference(), refund.get("refundReference").toString()).block(Duration.ofSeconds(10));

        // Its unit is on the shelf again and may be sold to someone else: the order is not sold again, the money
        // follows it.
        http.get().uri("/api/v1/orders/" + p.orderId()).headers(h -> h.setBearerAuth(p.customerToken())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("REFUNDED")
                .jsonPath("$.refunded.amountMinor").isEqualTo(0)
                .jsonPath("$.refundsDue[0].reason").isEqualTo("refund_failed")
                .jsonPath("$.refundsDue[0].amount.amountMinor").isEqualTo(paidMinor);
        assertThat(fixtures.column("SELECT on_hand FROM inventory_stock WHERE variant_id = :id", p.variant())).isEqualTo("10");
        assertThat(fixtures.column("SELECT status FROM payments WHERE id = :id", p.paymentId())).isEqualTo("SUCCEEDED");
    }
}
