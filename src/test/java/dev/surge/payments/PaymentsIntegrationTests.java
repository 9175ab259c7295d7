package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.payments.sandbox.SandboxGateway;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Paying orders over HTTP: initialize, webhooks (duplicates, order, mismatches, races), refunds, outage, reconciliation. */
class PaymentsIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    SandboxGateway sandbox;

    @Autowired
    MeterRegistry meters;

    @Autowired
    dev.surge.payments.domain.PaymentEventProcessor processor;

    PaymentFixtures fixtures;
    TestTokens tokens;

    @BeforeEach
    void setUp() {
        tokens = new TestTokens(accessTokens);
        fixtures = new PaymentFixtures(db, http, tokens);
    }

    record Paying(Map<String, Object> order, Map<String, Object> payment, String token) {
        String orderId() {
            return order.get("id").toString();
        }

        String paymentId() {
            return payment.get("id").toString();
        }

        String reference() {
            return payment.get("providerReference").toString();
        }

        @SuppressWarnings("unchecked")
        long total() {
            return ((Number) ((Map<String, Object>) order.get("total")).get("amountMinor")).longValue();
        }

        String currency() {
            return order.get("currency").toString();
        }
    }

    Paying paying(UUID variant) {
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), variant, 1);
        return new Paying(order, fixtures.payment(customer.token(), order.get("id")), customer.token());
    }

    String succeeded(Paying p, long amount) {
        return PaymentFixtures.sandboxEvent("evt_" + p.reference() + "_succeeded", "payment.succeeded", p.reference(),
                p.paymentId(), amount, p.currency(), null);
    }

    String failed(Paying p) {
        return PaymentFixtures.sandboxEvent("evt_" + p.reference() + "_failed", "payment.failed", p.reference(),
                p.paymentId(), p.total(), p.currency(), null);
    }

    @Test
    void aCustomerStartsOnePaymentForTheOrderTotalAndOnlyTheyOrStaffMaySeeIt() {
        UUID kettle = fixtures.variant(10, 2500, "USD");
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), kettle, 2);
        Map<String, Object> payment = fixtures.payment(customer.token(), order.get("id"));
        assertThat(payment.get("status")).isEqualTo("INITIALIZED");
        assertThat(payment.get("provider")).isEqualTo("sandbox");
        assertThat(payment.get("amount")).isEqualTo(order.get("total"));
        assertThat((String) payment.get("authorizationUrl")).contains("/api/v1/sandbox/payments/" + payment.get("providerReference"));
        // A second start under another key answers the open payment instead of a second one.
        assertThat(fixtures.payment(customer.token(), order.get("id")).get("id")).isEqualTo(payment.get("id"));

        // Someone else's order looks like no order; an amount from the client is never read.
        fixtures.createPayment(fixtures.customer().token(), Map.of("orderId", order.get("id").toString(), "amount", 1))
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("order_not_found");
        http.get().uri("/api/v1/payments/" + payment.get("id")).headers(h -> h.setBearerAuth(fixtures.customer().token()))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/payments/" + payment.get("id")).headers(h -> h.setBearerAuth(customer.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.clientSecret").doesNotExist()
                .jsonPath("$.authorizationUrl").isEqualTo(payment.get("authorizationUrl"));
        http.get().uri("/api/v1/payments/" + payment.get("id")).headers(h -> h.setBearerAuth(fixtures.finance()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.authorizationUrl").doesNotExist();
        // Without an Idempotency-Key: refused before anything happens.
        http.post().uri("/api/v1/payments").headers(h -> h.setBearerAuth(customer.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("orderId", order.get("id").toString()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("idempotency_key_missing");
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        PaymentFixtures.Customer customer = fixtures.customer();
        long before = fixtures.count("SELECT count(*) FROM payments WHERE id <> :id", UUID.randomUUID());
        http.post().uri("/api/v1/payments").headers(h -> {
            h.setBearerAuth(customer.token());
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"orderId\": ").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        fixtures.createPayment(customer.token(), Map.of("orderId", "not-a-uuid")).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        fixtures.createPayment(customer.token(), Map.of("orderId", List.of(1, 2))).expectStatus().isBadRequest();
        fixtures.createPayment(customer.token(), Map.of("orderId", UUID.randomUUID().toString()))
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("order_not_found");
        http.get().uri("/api/v1/payments/not-an-id").headers(h -> h.setBearerAuth(customer.token()))
                .exchange().expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/payments/" + UUID.randomUUID() + "/refunds").headers(h -> {
            h.setBearerAuth(fixtures.finance());
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", "lots")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/payments/" + UUID.randomUUID() + "/refunds").headers(h -> {
            h.setBearerAuth(fixtures.finance());
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", 100)).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/v1/payments/" + UUID.randomUUID() + "/refunds").headers(h -> {
            h.setBearerAuth(customer.token());
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", 100)).exchange()
                .expectStatus().isForbidden();
        assertThat(fixtures.count("SELECT count(*) FROM payments WHERE id <> :id", UUID.randomUUID()))
                .isEqualTo(before);
    }

    @Test
    void aGuestPaysWithTheOrdersEmailAndTokenAndAWrongTokenFindsNothing() {
        UUID kettle = fixtures.variant(10, 2500, "USD");
        Map<String, Object> order = fixtures.order(null, kettle, 1);
        String token = (String) order.get("guestAccessToken");
        fixtures.createPayment(null, Map.of("orderId", order.get("id").toString(), "email", order.get("email"),
                "token", token + "x")).expectStatus().isNotFound();
        fixtures.createPayment(null, Map.of("orderId", order.get("id").toString())).expectStatus().isBadRequest();
        fixtures.createPayment(null, Map.of("orderId", order.get("id").toString(), "orderNumber", order.get("number"),
                        "email", order.get("email").toString().toUpperCase(java.util.Locale.ROOT), "token", token))
                .expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("INITIALIZED");
    }

    @Test
    void duplicatesChangeNothingAndAFailureAfterTheSuccessIsRecordedAndIgnored() {
        UUID kettle = fixtures.variant(10, 2500, "USD");
        Paying p = paying(kettle);
        fixtures.sandboxWebhook(succeeded(p, p.total())).expectStatus().isOk()
                .expectBody().jsonPath("$.duplicate").isEqualTo(false);
        fixtures.sandboxWebhook(succeeded(p, p.total())).expectStatus().isOk()
                .expectBody().jsonPath("$.duplicate").isEqualTo(true);
        fixtures.sandboxWebhook(failed(p)).expectStatus().isOk();
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PAID");
        assertThat(fixtures.column("SELECT status FROM payments WHERE id = :id", p.paymentId())).isEqualTo("SUCCEEDED");
        assertThat(fixtures.column("SELECT outcome FROM payment_events WHERE payment_id = :id AND type = 'PAYMENT_FAILED'",
                p.paymentId())).isEqualTo("stale_ignored");
        assertThat(fixtures.count("SELECT count(*) FROM order_status_history WHERE order_id = :id AND to_status = 'PAID'",
                p.orderId())).isEqualTo(1);

        // The other order: a failed attempt first, then the success: paid.
        Paying q = paying(kettle);
        fixtures.sandboxWebhook(failed(q)).expectStatus().isOk();
        assertThat(fixtures.column("SELECT status FROM payments WHERE id = :id", q.paymentId())).isEqualTo("FAILED");
        fixtures.sandboxWebhook(succeeded(q, q.total())).expectStatus().isOk();
        assertThat(fixtures.orderStatus(q.orderId())).isEqualTo("PAID");
        assertThat(fixtures.column("SELECT status FROM payments WHERE id = :id", q.paymentId())).isEqualTo("SUCCEEDED");
    }

    @Test
    void anAmountThatIsNotTheTotalIsFlaggedNotPaid() {
        Paying p = paying(fixtures.variant(10, 2500, "USD"));
        fixtures.sandboxWebhook(succeeded(p, p.total() - 1)).expectStatus().isOk();
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PENDING_PAYMENT");
        assertThat(fixtures.column("SELECT status || ':' || flag FROM payments WHERE id = :id", p.paymentId()))
                .isEqualTo("FLAGGED:amount_mismatch");
        assertThat(fixtures.column("SELECT reason FROM order_refunds_due WHERE order_id = :id", p.orderId()))
                .isEqualTo("amount_mismatch");
        // What was taken (not the order's total) goes back without a person, which settles what the order owed.
        sandboxComplete(p.reference());
        await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(fixtures.column(
                "SELECT (settled_at IS NOT NULL)::text FROM order_refunds_due WHERE order_id = :id", p.orderId())));
        assertThat(fixtures.column("SELECT string_agg(amount_minor::text, ',') FROM refunds WHERE payment_id = :id",
                p.paymentId())).isEqualTo(Long.toString(p.total() - 1));
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void badSignaturesAndOldTimestampsAre400AndStoreNothing() {
        Paying p = paying(fixtures.variant(10, 2500, "USD"));
        String body = succeeded(p, p.total());
        long now = Instant.now().getEpochSecond();
        fixtures.sandboxWebhook(body, PaymentFixtures.signature("whsec_wrong", now, body)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("webhook_signature_invalid");
        fixtures.sandboxWebhook(body, PaymentFixtures.signature(PaymentFixtures.SANDBOX_SECRET, now - 3600, body))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("webhook_timestamp_too_old");
        fixtures.sandboxWebhook(body, "garbage").expectStatus().isBadRequest();
        fixtures.sandboxWebhook(body + " ", PaymentFixtures.signature(PaymentFixtures.SANDBOX_SECRET, now, body))
                .expectStatus().isBadRequest();
        assertThat(fixtures.count("SELECT count(*) FROM payment_events WHERE payment_reference = :id::text",
                p.paymentId())).isZero();
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PENDING_PAYMENT");
        // Stripe's path checks Stripe's signature with Stripe's secret; an event of no payment of ours is recorded.
        String stripeBody = "{\"object\":\"event\",\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"customer.created\",\"created\":" + now
                + ",\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}";
        http.post().uri("/api/v1/webhooks/stripe")
                .header("Stripe-Signature", PaymentFixtures.signature(PaymentFixtures.STRIPE_SECRET, now, stripeBody))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(stripeBody).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/webhooks/stripe")
                .header("Stripe-Signature", PaymentFixtures.signature(PaymentFixtures.SANDBOX_SECRET, now, stripeBody))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(stripeBody).exchange().expectStatus().isBadRequest();
        http.post().uri("/api/v1/webhooks/paystack").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aWebhookForAPaymentNotStoredYetWaitsAndTheRetryJobAppliesIt() {
        Paying p = paying(fixtures.variant(10, 2500, "USD"));
        // As if the webhook won the race with the payment's row: the row is not visible as a sandbox payment.
        db.sql("UPDATE payments SET provider = 'sandbox-hidden' WHERE id = :id").bind("id", UUID.fromString(p.paymentId()))
                .then().block();
        fixtures.sandboxWebhook(succeeded(p, p.total())).expectStatus().isOk();
        assertThat(fixtures.count("""
                SELECT count(*) FROM payment_events WHERE payment_reference = :id::text AND processed_at IS NULL
                    AND last_error LIKE '%payment_unknown%'""", p.paymentId())).isEqualTo(1);
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PENDING_PAYMENT");

        db.sql("UPDATE payments SET provider = 'sandbox' WHERE id = :id").bind("id", UUID.fromString(p.paymentId()))
                .then().block();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixtures.orderStatus(p.orderId()).equals("PAID"));
        assertThat(fixtures.column("SELECT status FROM payments WHERE id = :id", p.paymentId())).isEqualTo("SUCCEEDED");
    }

    @Test
    void financeRefundsPartThenTheRestAndCannotRefundMoreThanWasPaid() {
        UUID kettle = fixtures.variant(10, 2500, "USD");
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), kettle, 1);
        Map<String, Object> payment = fixtures.payment(customer.token(), order.get("id"));
        String reference = payment.get("providerReference").toString();
        // Paid through the sandbox as a shopper would: it sends the signed webhook itself.
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUCCEEDED");
        assertThat(fixtures.orderStatus(order.get("id"))).isEqualTo("PAID");
        long total = new Paying(order, payment, customer.token()).total();
        String finance = fixtures.finance();
        String path = "/api/v1/payments/" + payment.get("id") + "/refunds";

        http.post().uri(path).headers(h -> {
            h.setBearerAuth(customer.token());
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).exchange().expectStatus().isForbidden();
        String key = UUID.randomUUID().toString();
        http.post().uri(path).headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", key);
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", 1000)).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.amount.amountMinor").isEqualTo(1000);
        // The same key again: the same refund, not a second one.
        http.post().uri(path).headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", key);
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", 1000)).exchange()
                .expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(fixtures.orderStatus(order.get("id"))).isEqualTo("PARTIALLY_REFUNDED");

        http.post().uri(path).headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", total)).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("over_refund");
        http.post().uri(path).headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).exchange().expectStatus().isCreated().expectBody().jsonPath("$.amount.amountMinor").isEqualTo(total - 1000);
        assertThat(fixtures.orderStatus(order.get("id"))).isEqualTo("REFUNDED");
        http.post().uri(path).headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("payment_not_refundable");
        // Each refund finance asked for is in the audit log once (not the replay, not the refused ones).
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'payment.refund_requested' "
                + "AND subject_id = :id AND actor_id IS NOT NULL AND details->>'status' = 'SUCCEEDED'", payment.get("id")))
                .isEqualTo(2);

        // The sandbox also announced each refund by webhook: applied once, whichever came first.
        await().atMost(Duration.ofSeconds(20)).until(() -> fixtures.count(
                "SELECT count(*) FROM payment_events WHERE payment_id = :id AND type = 'REFUND_SUCCEEDED' AND processed_at IS NOT NULL",
                payment.get("id")) == 2);
        assertThat(fixtures.column("SELECT refunded_minor FROM orders WHERE id = :id", order.get("id")))
                .isEqualTo(Long.toString(total));
        http.get().uri("/api/v1/payments/" + payment.get("id")).headers(h -> h.setBearerAuth(finance)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REFUNDED")
                .jsonPath("$.refunds.length()").isEqualTo(2);
    }

    @Test
    void aProviderOutageAnswers503WithRetryAfterAndTheOrderStaysPending() {
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), fixtures.variant(10, 2500, "USD"), 1);
        fixtures.createPayment(customer.token(), Map.of("orderId", order.get("id").toString(), "provider", "stripe"))
                .expectStatus().isEqualTo(503).expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("payment_provider_unavailable");
        assertThat(fixtures.orderStatus(order.get("id"))).isEqualTo("PENDING_PAYMENT");
        assertThat(fixtures.count("SELECT count(*) FROM payments WHERE order_id = :id", order.get("id"))).isZero();
        // The sandbox still takes it.
        assertThat(fixtures.payment(customer.token(), order.get("id")).get("status")).isEqualTo("INITIALIZED");
    }

    @Test
    void verifyAsksTheProviderAndAppliesItsAnswerOnce() {
        Paying p = paying(fixtures.variant(10, 2500, "USD"));
        http.post().uri("/api/v1/payments/" + p.paymentId() + "/verify").headers(h -> h.setBearerAuth(p.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("INITIALIZED");
        // Paid at the provider, but the webhook got lost: verify finds it.
        sandboxComplete(p.reference());
        http.post().uri("/api/v1/payments/" + p.paymentId() + "/verify").headers(h -> h.setBearerAuth(p.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("SUCCEEDED");
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PAID");
    }

    @Test
    void aPaymentReversedAtTheProviderIsNeverTakenForPaid() {
        Paying p = paying(fixtures.variant(10, 2500, "USD"));
        // Paid at the provider and given back there in full (a reversal), and the webhooks got lost.
        String key = "surge:pay:sandbox:{p:" + p.reference() + "}";
        redis.opsForHash().put(key, "status", "SUCCEEDED").block();
        redis.opsForHash().put(key, "refunded", Long.toString(p.total())).block();
        http.get().uri("/api/v1/sandbox/payments/" + p.reference()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("REVERSED");

        http.post().uri("/api/v1/payments/" + p.paymentId() + "/verify").headers(h -> h.setBearerAuth(p.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("FAILED");
        // No money was kept: the order is still to be paid, and nothing goes to fulfilment.
        assertThat(fixtures.orderStatus(p.orderId())).isEqualTo("PENDING_PAYMENT");
        // Nor is it a mismatch for finance: reversed there, failed here, nobody holds the money.
        String finance = fixtures.finance();
        http.post().uri(u -> u.path("/api/v1/admin/payments/reconciliation/runs")
                        .queryParam("from", Instant.now().minusSeconds(120).toString())
                        .queryParam("to", Instant.now().plusSeconds(1).toString()).build())
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk();
        assertThat(http.get().uri("/api/v1/admin/payments/reconciliation.csv").headers(h -> h.setBearerAuth(finance))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(p.paymentId());
    }

    private void sandboxComplete(String reference) {
        // Completes the payment in the sandbox's store without its webhook (a lost delivery).
        String key = "surge:pay:sandbox:{p:" + reference + "}";
        redis.opsForHash().put(key, "status", "SUCCEEDED").block();
    }

    @Autowired
    org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

    @Test
    void anEventForAPaymentSurgeNeverKnewEndsAsADeadLetterNotRetriedForever() {
        String eventId = "evt_" + UUID.randomUUID();
        String reference = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        fixtures.sandboxWebhook(PaymentFixtures.sandboxEvent(eventId, "payment.succeeded", reference, UUID.randomUUID(),
                1500, "USD", null)).expectStatus().isOk();
        java.util.function.Supplier<Map<String, Object>> row = () -> db.sql(
                        "SELECT outcome, processed_at IS NOT NULL AS done, attempts, last_error FROM payment_events "
                                + "WHERE provider = 'sandbox' AND event_id = :e").bind("e", eventId)
                .fetch().one().block();
        // Tried, not applied: its payment may still be on its way (a webhook that raced the payment's insert).
        assertThat(row.get()).containsEntry("done", false);
        processor.apply("sandbox", eventId).block();
        assertThat(row.get()).containsEntry("done", false);

        // Hours of tries later (28 by default), it is set aside for a person: processed, the reason kept.
        db.sql("UPDATE payment_events SET attempts = 27 WHERE provider = 'sandbox' AND event_id = :e").bind("e", eventId)
                .then().block();
        processor.apply("sandbox", eventId).block();
        Map<String, Object> after = row.get();
        assertThat(after).containsEntry("done", true).containsEntry("outcome", "dead_letter");
        assertThat((String) after.get("last_error")).startsWith("payment_unknown: no payment for " + reference);
        assertThat(meters.get("surge.payments.webhook.events").tag("outcome", "dead_letter").counter().count())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void reconciliationRecordsEveryKindOfMismatchAndFinanceReadsThemAsCsv() {
        Instant from = Instant.now().minusSeconds(1);
        UUID kettle = fixtures.variant(20, 2500, "USD");
        // Consistent: paid at the sandbox, and here through its webhook.
        Paying fine = paying(kettle);
        http.post().uri("/api/v1/sandbox/payments/" + fine.reference() + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isOk();
        // Paid here (a webhook), still pending at the provider.
        Paying status = paying(kettle);
        fixtures.sandboxWebhook(succeeded(status, status.total())).expectStatus().isOk();
        // Paid on both sides, for different amounts.
        Paying amount = paying(kettle);
        http.post().uri("/api/v1/sandbox/payments/" + amount.reference() + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isOk();
        db.sql("UPDATE payments SET amount_minor = amount_minor + 1 WHERE id = :id")
                .bind("id", UUID.fromString(amount.paymentId())).then().block();
        // At the provider only.
        String stranger = sandbox.initialize(new PaymentRequest(UUID.randomUUID().toString(), Money.of(700, "USD"),
                "x@example.com", null, Map.of(), null)).block().providerReference();
        // Here only.
        Paying ghost = paying(kettle);
        redis.delete("surge:pay:sandbox:{p:" + ghost.reference() + "}").block();

        String finance = fixtures.finance();
        http.post().uri(u -> u.path("/api/v1/admin/payments/reconciliation/runs").queryParam("from", from.toString())
                        .queryParam("to", Instant.now().plusSeconds(1).toString()).build())
                .headers(h -> h.setBearerAuth(tokens.customer(UUID.randomUUID()))).exchange().expectStatus().isForbidden();
        http.post().uri(u -> u.path("/api/v1/admin/payments/reconciliation/runs").queryParam("from", from.toString())
                        .queryParam("to", Instant.now().plusSeconds(1).toString()).build())
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk()
                // Stripe is on in the tests with nothing listening: the run says it could not compare it.
                .expectBody().jsonPath("$.mismatches").isEqualTo(5)
                .jsonPath("$.unreachableProviders[0]").isEqualTo("stripe")
                .jsonPath("$.unreachableProviders.length()").isEqualTo(1);
        String csv = http.get().uri("/api/v1/admin/payments/reconciliation.csv").headers(h -> h.setBearerAuth(finance))
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("detected_at,run_id,provider,kind,");
        assertThat(csv.lines().skip(1)).hasSize(5);
        assertThat(csv).contains(",stripe,PROVIDER_UNREACHABLE,,,,");
        assertThat(csv).contains(",sandbox,STATUS_DIFFERS," + status.paymentId() + "," + status.reference() + ",SUCCEEDED,PENDING,")
                .contains(",sandbox,AMOUNT_DIFFERS," + amount.paymentId())
                .contains(",sandbox,MISSING_HERE,," + stranger + ",,PENDING,,700,USD")
                .contains(",sandbox,MISSING_AT_PROVIDER," + ghost.paymentId())
                .doesNotContain(fine.paymentId());
        assertThat(meters.get("surge.payments.reconciliation.last.mismatches").gauge().value()).isEqualTo(5.0);
        assertThat(meters.get("surge.payments.reconciliation.mismatches").tag("kind", "PROVIDER_UNREACHABLE").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
        assertThat(meters.get("surge.payments.reconciliation.mismatches").tag("kind", "MISSING_HERE").counter().count())
                .isGreaterThanOrEqualTo(1.0);
    }
}
