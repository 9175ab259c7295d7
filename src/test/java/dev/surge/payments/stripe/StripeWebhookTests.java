package dev.surge.payments.stripe;

import static dev.surge.payments.GatewayFixtures.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.GatewayFixtures;
import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.payments.gateway.InvalidWebhook;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.test.StepVerifier;

/**
 * Stripe webhook verification and parsing. Signatures are computed here with {@code javax.crypto.Mac},
 * as Stripe computes them, not with the production code.
 */
class StripeWebhookTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SECRET = "whsec_current";
    private static final String OLD_SECRET = "whsec_previous";
    private static final Instant NOW = Instant.parse("2024-08-22T07:15:00Z");
    private static final String SUCCEEDED = StripeJson.event("evt_1PqA", "payment_intent.succeeded",
            StripeJson.paymentIntent("pi_3MtwBw", "succeeded", 2000, 2000, "usd", "pay-1"));

    private final StripeGateway stripe = GatewayFixtures.stripe(URI.create("http://127.0.0.1:9"),
            List.of(SECRET, OLD_SECRET), Clock.fixed(NOW, ZoneOffset.UTC), GatewayFixtures.http(Duration.ofSeconds(1)),
            GatewayFixtures.resilience(1));

    @Test
    void aValidSignatureGivesTheNeutralEvent() {
        StepVerifier.create(stripe.parseWebhook(signed(stripeSignature(SECRET, NOW.getEpochSecond(), SUCCEEDED)), bytes(SUCCEEDED)))
                .expectNext(new PaymentEvent("stripe", "evt_1PqA", PaymentEvent.Type.PAYMENT_SUCCEEDED,
                        "payment_intent.succeeded", "pi_3MtwBw", "pay-1", null, Money.of(2000, "USD"),
                        Instant.ofEpochSecond(1724310900)))
                .expectComplete().verify(WAIT);
    }

    @Test
    void anyV1MatchingAnySecretIsAcceptedDuringRotation() {
        long t = NOW.getEpochSecond();
        String signedWithOldSecret = stripeSignature(OLD_SECRET, t, SUCCEEDED);
        String junkAndOld = "t=" + t + ",v1=" + "ab".repeat(32) + ",v0=" + "cd".repeat(32) + ","
                + signedWithOldSecret.substring(signedWithOldSecret.indexOf("v1="));
        String bothSecrets = stripeSignature("whsec_unknown", t, SUCCEEDED) + ","
                + stripeSignature(SECRET, t, SUCCEEDED).substring(("t=" + t + ",").length());

        for (String header : List.of(signedWithOldSecret, junkAndOld, bothSecrets)) {
            StepVerifier.create(stripe.parseWebhook(signed(header), bytes(SUCCEEDED)))
                    .assertNext(event -> assertThat(event.eventId()).isEqualTo("evt_1PqA"))
                    .expectComplete().verify(WAIT);
        }
    }

    @Test
    void aTamperedBodyIsRefused() {
        String header = stripeSignature(SECRET, NOW.getEpochSecond(), SUCCEEDED);
        String tampered = SUCCEEDED.replace("\"amount_received\": 2000", "\"amount_received\": 200000");

        refused(stripe.parseWebhook(signed(header), bytes(tampered)), "webhook_signature_invalid");
    }

    @Test
    void aSignatureWithAnotherSecretIsRefused() {
        refused(stripe.parseWebhook(signed(stripeSignature("whsec_attacker", NOW.getEpochSecond(), SUCCEEDED)),
                bytes(SUCCEEDED)), "webhook_signature_invalid");
    }

    @Test
    void aTimestampBeyondTheToleranceIsRefusedEvenWhenCorrectlySigned() {
        long sixMinutesAgo = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        refused(stripe.parseWebhook(signed(stripeSignature(SECRET, sixMinutesAgo, SUCCEEDED)), bytes(SUCCEEDED)),
                "webhook_timestamp_too_old");

        long fourMinutesAgo = NOW.minus(Duration.ofMinutes(4)).getEpochSecond();
        StepVerifier.create(stripe.parseWebhook(signed(stripeSignature(SECRET, fourMinutesAgo, SUCCEEDED)), bytes(SUCCEEDED)))
                .expectNextCount(1).expectComplete().verify(WAIT);
    }

    @Test
    void theTimestampIsPartOfWhatIsSigned() {
        String header = stripeSignature(SECRET, NOW.getEpochSecond() - 600, SUCCEEDED);
        String moved = header.replace("t=" + (NOW.getEpochSecond() - 600), "t=" + NOW.getEpochSecond());
        refused(stripe.parseWebhook(signed(moved), bytes(SUCCEEDED)), "webhook_signature_invalid");
    }

    @Test
    void malformedOrMissingHeadersAreRefused() {
        String v1 = stripeSignature(SECRET, NOW.getEpochSecond(), SUCCEEDED).substring(("t=" + NOW.getEpochSecond() + ",").length());
        refused(stripe.parseWebhook(new HttpHeaders(), bytes(SUCCEEDED)), "webhook_signature_malformed");
        refused(stripe.parseWebhook(signed(v1), bytes(SUCCEEDED)), "webhook_signature_malformed");
        refused(stripe.parseWebhook(signed("t=" + NOW.getEpochSecond()), bytes(SUCCEEDED)), "webhook_signature_malformed");
        refused(stripe.parseWebhook(signed("t=yesterday," + v1), bytes(SUCCEEDED)), "webhook_signature_malformed");
        refused(stripe.parseWebhook(signed("garbage"), bytes(SUCCEEDED)), "webhook_signature_malformed");
        refused(stripe.parseWebhook(signed("t=" + NOW.getEpochSecond() + ",v1=not-hex"), bytes(SUCCEEDED)),
                "webhook_signature_invalid");
    }

    @Test
    void aSignedBodyThatIsNotAnEventIsRefused() {
        String body = "{\"hello\": \"world\"}";
        refused(stripe.parseWebhook(signed(stripeSignature(SECRET, NOW.getEpochSecond(), body)), bytes(body)),
                "webhook_malformed");
    }

    @Test
    void paymentFailedAndRefundEventsMapByTheirObject() {
        String failed = StripeJson.event("evt_fail", "payment_intent.payment_failed",
                StripeJson.paymentIntent("pi_x", "requires_payment_method", 1500, 0, "eur", "pay-2"));
        String refunded = StripeJson.event("evt_ref", "refund.updated",
                StripeJson.refund("re_1", "pi_x", 700, "eur", "succeeded"));
        String legacyRefund = StripeJson.event("evt_ref_legacy", "charge.refund.updated",
                StripeJson.refund("re_1", "pi_x", 700, "eur", "succeeded"));
        String refundFailed = StripeJson.event("evt_ref_fail", "refund.failed",
                StripeJson.refund("re_2", "pi_x", 300, "eur", "failed"));
        String pendingRefund = StripeJson.event("evt_ref_new", "refund.created",
                StripeJson.refund("re_3", "pi_x", 300, "eur", "pending"));
        String chargeRefunded = StripeJson.event("evt_charge", "charge.refunded", """
                {"id": "ch_1", "object": "charge", "amount": 1500, "amount_refunded": 700, "currency": "eur",
                 "payment_intent": "pi_x", "refunded": false, "metadata": {}}""");

        assertEvent(failed, PaymentEvent.Type.PAYMENT_FAILED, "pi_x", null, Money.of(1500, "EUR"));
        assertEvent(refunded, PaymentEvent.Type.REFUND_SUCCEEDED, "pi_x", "re_1", Money.of(700, "EUR"));
        assertEvent(legacyRefund, PaymentEvent.Type.REFUND_SUCCEEDED, "pi_x", "re_1", Money.of(700, "EUR"));
        assertEvent(refundFailed, PaymentEvent.Type.REFUND_FAILED, "pi_x", "re_2", Money.of(300, "EUR"));
        assertEvent(pendingRefund, PaymentEvent.Type.OTHER, "pi_x", "re_3", Money.of(300, "EUR"));
        assertEvent(chargeRefunded, PaymentEvent.Type.OTHER, "pi_x", null, null);
    }

    @Test
    void disputeEventsCarryTheDisputeByItsStatus() {
        String created = StripeJson.event("evt_dp_1", "charge.dispute.created", dispute("needs_response"));
        String inquiry = StripeJson.event("evt_dp_2", "charge.dispute.updated", dispute("warning_under_review"));
        String lost = StripeJson.event("evt_dp_3", "charge.dispute.closed", dispute("lost"));
        String inquiryClosed = StripeJson.event("evt_dp_4", "charge.dispute.closed", dispute("warning_closed"));

        assertDispute(created, DisputeStatus.NEEDS_RESPONSE, "needs_response");
        assertDispute(inquiry, DisputeStatus.UNDER_REVIEW, "warning_under_review");
        assertDispute(lost, DisputeStatus.LOST, "lost");
        assertDispute(inquiryClosed, DisputeStatus.WON, "warning_closed");
        assertEvent(lost, PaymentEvent.Type.DISPUTE, "pi_x", null, Money.of(1500, "EUR"));
    }

    private static String dispute(String status) {
        return """
                {"id": "dp_1", "object": "dispute", "amount": 1500, "charge": "ch_1", "currency": "eur",
                 "payment_intent": "pi_x", "reason": "fraudulent", "status": "%s", "metadata": {}}""".formatted(status);
    }

    private void assertDispute(String body, DisputeStatus status, String providerStatus) {
        StepVerifier.create(stripe.parseWebhook(signed(stripeSignature(SECRET, NOW.getEpochSecond(), body)), bytes(body)))
                .assertNext(event -> assertThat(event.dispute())
                        .isEqualTo(new PaymentEvent.Dispute("dp_1", status, providerStatus, "fraudulent")))
                .expectComplete().verify(WAIT);
    }

    private void assertEvent(String body, PaymentEvent.Type type, String reference, String refund, Money amount) {
        StepVerifier.create(stripe.parseWebhook(signed(stripeSignature(SECRET, NOW.getEpochSecond(), body)), bytes(body)))
                .assertNext(event -> {
                    assertThat(event.type()).isEqualTo(type);
                    assertThat(event.providerReference()).isEqualTo(reference);
                    assertThat(event.refundReference()).isEqualTo(refund);
                    assertThat(event.amount()).isEqualTo(amount);
                })
                .expectComplete().verify(WAIT);
    }

    private static void refused(reactor.core.publisher.Mono<PaymentEvent> parse, String code) {
        StepVerifier.create(parse)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidWebhook.class)
                        .extracting(e -> ((InvalidWebhook) e).code()).isEqualTo(code))
                .verify(WAIT);
    }

    private static HttpHeaders signed(String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Stripe-Signature", signature);
        return headers;
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
