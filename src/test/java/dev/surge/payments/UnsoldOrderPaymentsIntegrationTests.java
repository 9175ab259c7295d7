package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.payments.domain.AutoRefunds;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * No charge for an order we no longer sell, over HTTP with the sandbox provider: an unpaid order that expires or
 * is cancelled has its payment cancelled at the provider (so it can no longer be paid), even when the provider
 * cannot be reached at first; a payment that still succeeds (late, second) is refunded automatically, once.
 */
class UnsoldOrderPaymentsIntegrationTests extends IntegrationTest {

    /**
     * Cancels follow the order's event through Kafka. In the test run a consumer group rebalances when another
     * context joins or leaves it (a second instance, a context of other settings), which has held an event up for
     * over a minute; the wait covers that.
     */
    private static final Duration WAIT = Duration.ofSeconds(150);

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    AutoRefunds autoRefunds;

    @Autowired
    MeterRegistry meters;

    PaymentFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
    }

    record Paying(String orderId, String paymentId, String reference, long total, String token, UUID variant) {
    }

    @SuppressWarnings("unchecked")
    Paying paying() {
        UUID variant = fixtures.variant(5, 2500, "USD");
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), variant, 1);
        Map<String, Object> payment = fixtures.payment(customer.token(), order.get("id"));
        long total = ((Number) ((Map<String, Object>) order.get("total")).get("amountMinor")).longValue();
        return new Paying(order.get("id").toString(), payment.get("id").toString(),
                payment.get("providerReference").toString(), total, customer.token(), variant);
    }

    void expire(Paying p) {
        db.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = :id")
                .bind("id", UUID.fromString(p.orderId())).then().block();
        await().atMost(WAIT).until(() -> fixtures.orderStatus(p.orderId()).equals("EXPIRED"));
        // Its hold goes back whatever the provider does.
        await().atMost(WAIT).until(() -> reserved(p.variant()).equals("5/0"));
    }

    String paymentStatus(String paymentId) {
        return fixtures.column("SELECT status FROM payments WHERE id = :id", paymentId);
    }

    long audited(String action, String orderId) {
        return fixtures.count("SELECT count(*) FROM audit_log WHERE action = '" + action + "' AND subject_id = :id",
                orderId);
    }

    String reserved(UUID variant) {
        return fixtures.column("SELECT on_hand || '/' || reserved FROM inventory_stock WHERE variant_id = :id", variant);
    }

    /** The payment succeeds in the sandbox's store, its webhook not (yet) delivered: paid at the provider. */
    void paidAtTheProvider(String reference) {
        redis.opsForHash().put("surge:pay:sandbox:{p:" + reference + "}", "status", "SUCCEEDED").block();
    }

    @Test
    void anUnpaidOrderThatExpiresHasItsPaymentCancelledSoItCanNoLongerBePaid() {
        Paying p = paying();
        expire(p);

        await().atMost(WAIT).until(() -> paymentStatus(p.paymentId()).equals("CANCELED"));
        http.get().uri("/api/v1/sandbox/payments/" + p.reference()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELED");
        // The shopper's pay page still open in a tab: paying now is refused, nothing is charged.
        http.post().uri("/api/v1/sandbox/payments/" + p.reference() + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/payments/" + p.paymentId()).headers(h -> h.setBearerAuth(p.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELED");
        assertThat(audited("payment.cancelled", p.orderId())).isEqualTo(1);
        assertThat(fixtures.column("SELECT coalesce(outcome, '') FROM payment_cancellations WHERE payment_id = :id",
                p.paymentId()))
                .isEqualTo("cancelled");
    }

    @Test
    void cancellingAnUnpaidOrderCancelsItsPayment() {
        Paying p = paying();
        http.post().uri("/api/v1/orders/" + p.orderId() + "/cancel").headers(h -> h.setBearerAuth(p.token()))
                .exchange().expectStatus().isOk();
        await().atMost(WAIT).until(() -> paymentStatus(p.paymentId()).equals("CANCELED"));
        http.get().uri("/api/v1/sandbox/payments/" + p.reference()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELED");
    }

    @Test
    void aPaymentThatSucceededBeforeTheCancelIsAppliedAsLateAndRefundedOnce() {
        Paying p = paying();
        paidAtTheProvider(p.reference());
        expire(p);

        // The cancel finds it paid, applies it (late: the order stays expired) and the refund job gives it back.
        await().atMost(WAIT).until(() -> paymentStatus(p.paymentId()).equals("REFUNDED")
                && audited("payment.auto_refund_requested", p.orderId()) == 1);
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("EXPIRED");
        assertThat(reserved(p.variant())).isEqualTo("5/0");
        assertThat(fixtures.column("SELECT reason || ':' || (settled_at IS NOT NULL) FROM order_refunds_due "
                + "WHERE order_id = :id", p.orderId())).isEqualTo("late_payment:true");
        assertThat(fixtures.count("SELECT count(*) FROM refunds WHERE payment_id = :id AND status = 'SUCCEEDED'",
                p.paymentId())).isEqualTo(1);
        assertThat(redis.<String, String>opsForHash().get("surge:pay:sandbox:{p:" + p.reference() + "}", "refunded")
                .block()).isEqualTo(Long.toString(p.total()));
        assertThat(audited("payment.cancel_not_needed", p.orderId())).isEqualTo(1);
        assertThat(audited("payment.auto_refund_requested", p.orderId())).isEqualTo(1);
        assertThat(meters.find("surge.payments.auto_refunds").tag("provider", "sandbox").tag("outcome", "succeeded")
                .counter()).isNotNull();
    }

    @Test
    void aSecondPaymentOfAPaidOrderIsRefundedOnceHoweverManyRoundsRunAtOnce() {
        Paying first = paying();
        // The first attempt fails (as the provider says), the shopper pays with a second payment...
        fixtures.sandboxWebhook(PaymentFixtures.sandboxEvent("evt_" + first.reference() + "_failed", "payment.failed",
                first.reference(), first.paymentId(), first.total(), "USD", null)).expectStatus().isOk();
        @SuppressWarnings("unchecked")
        Map<String, Object> second = fixtures.payment(first.token(), first.orderId());
        assertThat(second.get("id")).isNotEqualTo(first.paymentId());
        complete(second.get("providerReference").toString());
        assertThat(fixtures.orderStatus(first.orderId())).isEqualTo("PAID");
        // ...and then the first goes through after all: the order is paid twice.
        complete(first.reference());

        // Every instance's job, several rounds at once: the refund is asked for once.
        Flux.range(0, 4).flatMap(i -> autoRefunds.round().subscribeOn(Schedulers.parallel()))
                .collectList().block(WAIT);
        await().atMost(WAIT).until(() -> paymentStatus(first.paymentId()).equals("REFUNDED")
                && audited("payment.auto_refund_requested", first.orderId()) == 1);
        Flux.range(0, 4).flatMap(i -> autoRefunds.round().subscribeOn(Schedulers.parallel()))
                .collectList().block(WAIT);
        assertThat(fixtures.orderStatus(first.orderId())).isEqualTo("PAID");
        assertThat(paymentStatus(second.get("id").toString())).isEqualTo("SUCCEEDED");
        assertThat(fixtures.count("SELECT count(*) FROM refunds WHERE payment_id = :id", first.paymentId())).isEqualTo(1);
        assertThat(audited("payment.auto_refund_requested", first.orderId())).isEqualTo(1);
        assertThat(fixtures.column("SELECT reason || ':' || (settled_at IS NOT NULL) FROM order_refunds_due "
                + "WHERE order_id = :id", first.orderId())).isEqualTo("second_payment:true");
    }

    @Test
    void anUnreachableProviderDoesNotHoldUpExpiryAndItsCancelIsTriedAgainThenGivenUp() {
        // Besides its sandbox payment, a Stripe payment started while Stripe answered; Stripe is now unreachable
        // (nothing listens there in tests).
        Paying p = paying();
        UUID stripePayment = UUID.randomUUID();
        db.sql("""
                INSERT INTO payments (id, order_id, provider, provider_reference, status, amount_minor, currency)
                VALUES (:id, :order, 'stripe', :ref, 'INITIALIZED', :amount, 'USD')""")
                .bind("id", stripePayment).bind("order", UUID.fromString(p.orderId()))
                .bind("ref", "pi_" + stripePayment.toString().replace("-", "")).bind("amount", p.total())
                .then().block();

        expire(p);
        await().atMost(WAIT).until(() -> Integer.parseInt(fixtures.column("SELECT coalesce(max(attempts), 0) FROM "
                + "payment_cancellations WHERE payment_id = :id AND last_error IS NOT NULL", stripePayment)) >= 2);
        assertThat(paymentStatus(stripePayment.toString())).isEqualTo("INITIALIZED");
        assertThat(fixtures.column("SELECT (finished_at IS NULL)::text FROM payment_cancellations WHERE payment_id = :id",
                stripePayment)).isEqualTo("true");
        // The order's sandbox payment is cancelled meanwhile: one provider down holds up no other.
        assertThat(paymentStatus(p.paymentId())).isEqualTo("CANCELED");

        // When the tries run out: given up, audited, left to staff.
        db.sql("UPDATE payment_cancellations SET attempts = 19, next_attempt_at = now() WHERE payment_id = :id")
                .bind("id", stripePayment).then().block();
        await().atMost(WAIT).until(() -> "gave_up".equals(fixtures.column(
                "SELECT coalesce(outcome, '') FROM payment_cancellations WHERE payment_id = :id", stripePayment)));
        assertThat(audited("payment.cancel_gave_up", p.orderId())).isEqualTo(1);
    }

    @Test
    void aRefundTheProviderCannotTakeIsTriedAgainThenLeftToStaffStillOwed() {
        // A Stripe payment took a wrong amount; Stripe is unreachable now (nothing listens there in tests).
        Paying p = paying();
        UUID stripePayment = UUID.randomUUID();
        String intent = "pi_" + stripePayment.toString().replace("-", "");
        db.sql("""
                INSERT INTO payments (id, order_id, provider, provider_reference, status, amount_minor, currency)
                VALUES (:id, :order, 'stripe', :ref, 'INITIALIZED', :amount, 'USD')""")
                .bind("id", stripePayment).bind("order", UUID.fromString(p.orderId())).bind("ref", intent)
                .bind("amount", p.total()).then().block();
        long now = java.time.Instant.now().getEpochSecond();
        String body = "{\"object\":\"event\",\"id\":\"evt_" + intent + "\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":" + now + ",\"data\":{\"object\":{\"object\":\"payment_intent\",\"id\":\"" + intent
                + "\",\"amount\":" + p.total() + ",\"amount_received\":" + (p.total() - 1) + ",\"currency\":\"usd\","
                + "\"metadata\":{\"payment_id\":\"" + stripePayment + "\"}}}}";
        http.post().uri("/api/v1/webhooks/stripe")
                .header("Stripe-Signature", PaymentFixtures.signature(PaymentFixtures.STRIPE_SECRET, now, body))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
        assertThat(paymentStatus(stripePayment.toString())).isEqualTo("FLAGGED");

        await().atMost(WAIT).until(() -> Integer.parseInt(fixtures.column("SELECT coalesce(max(attempts), 0) FROM "
                + "order_refunds_due WHERE order_id = :id AND last_error IS NOT NULL", p.orderId())) >= 2);
        db.sql("UPDATE order_refunds_due SET attempts = 19, next_attempt_at = now() WHERE order_id = :id")
                .bind("id", UUID.fromString(p.orderId())).then().block();
        await().atMost(WAIT).until(() -> audited("payment.auto_refund_gave_up", p.orderId()) == 1);
        assertThat(fixtures.column("SELECT reason || ':' || (settled_at IS NULL) || ':' || (gave_up_at IS NOT NULL) "
                + "FROM order_refunds_due WHERE order_id = :id", p.orderId())).isEqualTo("amount_mismatch:true:true");
        // The one refund asked for stays pending, unanswered: nothing was sent twice, nothing is lost.
        assertThat(fixtures.column("SELECT string_agg(status || ':' || coalesce(refund_reference, '-'), ',') FROM refunds "
                + "WHERE payment_id = :id", stripePayment)).isEqualTo("PENDING:-");
    }

    private void complete(String reference) {
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isOk();
    }
}
