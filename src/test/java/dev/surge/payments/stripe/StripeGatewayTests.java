package dev.surge.payments.stripe;

import static dev.surge.payments.GatewayFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.GatewayFixtures;
import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.gateway.InitializedPayment;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import dev.surge.platform.persistence.Money;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The Stripe adapter against a local stand-in that answers like Stripe's API. */
class StripeGatewayTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MockWebServer stripeApi;
    private StripeGateway stripe;

    @BeforeEach
    void start() {
        stripeApi = GatewayFixtures.standIn();
        stripe = GatewayFixtures.stripe(stripeApi, GatewayFixtures.resilience(3));
    }

    @AfterEach
    void stop() {
        stripeApi.close();
    }

    @Test
    void initializeCreatesAPaymentIntentWithOurReferenceAndIdempotencyKey() throws Exception {
        stripeApi.enqueue(json(200, StripeJson.paymentIntent("pi_3MtwBw", "requires_payment_method", 2000, 0, "usd", "pay-1")));

        StepVerifier.create(stripe.initialize(new PaymentRequest("pay-1", Money.of(2000, "USD"), "ada@example.com", null,
                        Map.of("order_id", "ord_1"), "idem-pay-1")))
                .assertNext(initialized -> {
                    assertThat(initialized).isEqualTo(new InitializedPayment("stripe", "pi_3MtwBw", "pi_3MtwBw_secret_Xx9sk2",
                            null, ProviderPaymentStatus.PENDING));
                })
                .expectComplete().verify(WAIT);

        RecordedRequest request = stripeApi.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/payment_intents");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + GatewayFixtures.STRIPE_KEY);
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("idem-pay-1");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request)).containsEntry("amount", "2000").containsEntry("currency", "usd")
                .containsEntry("metadata[payment_id]", "pay-1").containsEntry("metadata[order_id]", "ord_1")
                .containsEntry("receipt_email", "ada@example.com")
                .containsEntry("automatic_payment_methods[enabled]", "true");
    }

    @Test
    void amountsAreSentInStripesUnitWhereItDiffersFromIso() throws Exception {
        stripeApi.enqueue(json(200, StripeJson.paymentIntent("pi_isk", "requires_payment_method", 50000, 0, "isk", "pay-isk")));
        stripeApi.enqueue(json(200, StripeJson.paymentIntent("pi_jpy", "requires_payment_method", 1999, 0, "jpy", "pay-jpy")));

        StepVerifier.create(stripe.initialize(new PaymentRequest("pay-isk", Money.of(500, "ISK"), null, null, null, "k1")))
                .expectNextCount(1).expectComplete().verify(WAIT);
        StepVerifier.create(stripe.initialize(new PaymentRequest("pay-jpy", Money.of(1999, "JPY"), null, null, null, "k2")))
                .expectNextCount(1).expectComplete().verify(WAIT);

        assertThat(form(stripeApi.takeRequest())).containsEntry("amount", "50000").containsEntry("currency", "isk");
        assertThat(form(stripeApi.takeRequest())).containsEntry("amount", "1999").containsEntry("currency", "jpy");
    }

    @Test
    void anAmountStripeCannotTakeIsRefusedBeforeAnyCall() {
        StepVerifier.create(stripe.initialize(new PaymentRequest("pay-kwd", Money.of(5124, "KWD"), null, null, null, "k")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(PaymentProviderRejected.class)
                        .extracting(e -> ((PaymentProviderRejected) e).providerCode()).isEqualTo("amount_not_supported"))
                .verify(WAIT);
        assertThat(stripeApi.getRequestCount()).isZero();
    }

    @Test
    void verifyReadsThePaymentIntent() throws Exception {
        stripeApi.enqueue(json(200, StripeJson.paymentIntent("pi_3MtwBw", "succeeded", 2000, 2000, "usd", "pay-1")));

        StepVerifier.create(stripe.verify("pi_3MtwBw"))
                .expectNext(new ProviderPayment("stripe", "pi_3MtwBw", "pay-1", ProviderPaymentStatus.SUCCEEDED,
                        Money.of(2000, "USD"), Instant.ofEpochSecond(1724310864)))
                .expectComplete().verify(WAIT);

        RecordedRequest request = stripeApi.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/payment_intents/pi_3MtwBw");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + GatewayFixtures.STRIPE_KEY);
    }

    @Test
    void stripeStatusesMapToNeutralOnes() {
        assertThat(StripeGateway.status("requires_payment_method")).isEqualTo(ProviderPaymentStatus.PENDING);
        assertThat(StripeGateway.status("requires_confirmation")).isEqualTo(ProviderPaymentStatus.PENDING);
        assertThat(StripeGateway.status("requires_action")).isEqualTo(ProviderPaymentStatus.REQUIRES_ACTION);
        assertThat(StripeGateway.status("processing")).isEqualTo(ProviderPaymentStatus.PROCESSING);
        assertThat(StripeGateway.status("canceled")).isEqualTo(ProviderPaymentStatus.CANCELED);
        assertThat(StripeGateway.status("succeeded")).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
    }

    @Test
    void aRefundEventIsAppliedAsStripeSeesTheRefundNow() throws Exception {
        // The success was signed, but the refund has failed since (the card's bank sent it back).
        stripeApi.enqueue(json(200, StripeJson.refund("re_late", "pi_3MtwBw", 500, "usd", "failed")));
        PaymentEvent signed = new PaymentEvent("stripe", "evt_1", PaymentEvent.Type.REFUND_SUCCEEDED, "refund.updated",
                "pi_3MtwBw", null, "re_late", Money.of(500, "USD"), Instant.now());

        StepVerifier.create(stripe.confirm(signed))
                .assertNext(confirmed -> {
                    assertThat(confirmed.type()).isEqualTo(PaymentEvent.Type.REFUND_FAILED);
                    assertThat(confirmed.refundReference()).isEqualTo("re_late");
                    assertThat(confirmed.amount()).isEqualTo(Money.of(500, "USD"));
                })
                .expectComplete().verify(WAIT);
        RecordedRequest request = stripeApi.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/refunds/re_late");
        // Payment events are applied as signed: no lookup.
        PaymentEvent paid = new PaymentEvent("stripe", "evt_2", PaymentEvent.Type.PAYMENT_SUCCEEDED,
                "payment_intent.succeeded", "pi_3MtwBw", null, null, Money.of(500, "USD"), Instant.now());
        StepVerifier.create(stripe.confirm(paid)).expectNext(paid).expectComplete().verify(WAIT);
        assertThat(stripeApi.getRequestCount()).isEqualTo(1);
    }

    @Test
    void partialRefundSendsTheAmountAndTheRefundsIdempotencyKey() throws Exception {
        stripeApi.enqueue(json(200, StripeJson.refund("re_1Nispe", "pi_3MtwBw", 500, "usd", "succeeded")));

        StepVerifier.create(stripe.refund(RefundRequest.partial("pi_3MtwBw", Money.of(500, "USD"), "refund-1")))
                .expectNext(new ProviderRefund("stripe", "re_1Nispe", "pi_3MtwBw", ProviderRefund.Status.SUCCEEDED,
                        Money.of(500, "USD")))
                .expectComplete().verify(WAIT);

        RecordedRequest request = stripeApi.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/refunds");
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("refund-1");
        assertThat(form(request)).containsEntry("payment_intent", "pi_3MtwBw").containsEntry("amount", "500");
    }

    @Test
    void fullRefundSendsNoAmount() throws Exception {
        stripeApi.enqueue(json(200, StripeJson.refund("re_full", "pi_3MtwBw", 2000, "usd", "pending")));

        StepVerifier.create(stripe.refund(RefundRequest.full("pi_3MtwBw", "refund-2")))
                .assertNext(refund -> assertThat(refund.status()).isEqualTo(ProviderRefund.Status.PENDING))
                .expectComplete().verify(WAIT);

        assertThat(form(stripeApi.takeRequest())).containsOnlyKeys("payment_intent");
    }

    @Test
    void aRefusalCarriesStripesErrorCodeAndIsNotRetried() {
        stripeApi.enqueue(json(400, StripeJson.error("invalid_request_error", "charge_already_refunded",
                "Charge ch_1 has already been refunded.")));

        StepVerifier.create(stripe.refund(RefundRequest.full("pi_3MtwBw", "refund-3")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(PaymentProviderRejected.class);
                    PaymentProviderRejected rejected = (PaymentProviderRejected) error;
                    assertThat(rejected.providerStatus()).isEqualTo(400);
                    assertThat(rejected.providerCode()).isEqualTo("charge_already_refunded");
                    assertThat(rejected.getMessage()).contains("has already been refunded");
                    assertThat(rejected.code()).isEqualTo("payment_provider_rejected");
                })
                .verify(WAIT);
        assertThat(stripeApi.getRequestCount()).isEqualTo(1);
    }

    @Test
    void transactionsPageThroughTheListWithStartingAfter() throws Exception {
        stripeApi.enqueue(json(200, StripeJson.list(true,
                StripeJson.paymentIntent("pi_3", "succeeded", 300, 300, "usd", "pay-3"),
                StripeJson.paymentIntent("pi_2", "canceled", 200, 0, "eur", "pay-2"))));
        stripeApi.enqueue(json(200, StripeJson.list(false,
                StripeJson.paymentIntent("pi_1", "succeeded", 100, 100, "usd", "pay-1"))));
        Instant from = Instant.parse("2024-08-01T00:00:00Z");
        Instant to = Instant.parse("2024-08-31T23:59:59Z");

        StepVerifier.create(stripe.transactions(from, to).map(ProviderPayment::providerReference))
                .expectNext("pi_3", "pi_2", "pi_1")
                .expectComplete().verify(WAIT);

        RecordedRequest first = stripeApi.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/payment_intents");
        assertThat(first.getUrl().queryParameter("created[gte]")).isEqualTo(Long.toString(from.getEpochSecond()));
        assertThat(first.getUrl().queryParameter("created[lte]")).isEqualTo(Long.toString(to.getEpochSecond()));
        assertThat(first.getUrl().queryParameter("limit")).isEqualTo("2");
        assertThat(first.getUrl().queryParameter("starting_after")).isNull();
        RecordedRequest second = stripeApi.takeRequest();
        assertThat(second.getUrl().queryParameter("starting_after")).isEqualTo("pi_2");
        assertThat(stripeApi.getRequestCount()).isEqualTo(2);
    }

    static Map<String, String> form(RecordedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBody().utf8().split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return fields;
    }


    @Test
    void cancelCancelsThePaymentIntentOnceAndAnswersAnIntentThatAlreadyEndedAsItStands() throws Exception {
        stripeApi.enqueue(json(200, StripeJson.paymentIntent("pi_open", "canceled", 2000, 0, "usd", "pay-open")));
        StepVerifier.create(stripe.cancel("pi_open", "cancel-pay-open"))
                .assertNext(payment -> assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.CANCELED))
                .expectComplete().verify(WAIT);
        RecordedRequest request = stripeApi.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/payment_intents/pi_open/cancel");
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("cancel-pay-open");
        assertThat(form(request)).containsEntry("cancellation_reason", "abandoned");

        // Paid before the cancel arrived: Stripe refuses, and the intent is answered as it stands.
        stripeApi.enqueue(json(400, StripeJson.error("invalid_request_error", "payment_intent_unexpected_state",
                "You cannot cancel this PaymentIntent because it has a status of succeeded.")));
        stripeApi.enqueue(json(200, StripeJson.paymentIntent("pi_paid", "succeeded", 2000, 2000, "usd", "pay-paid")));
        StepVerifier.create(stripe.cancel("pi_paid", "cancel-pay-paid"))
                .assertNext(payment -> assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED))
                .expectComplete().verify(WAIT);
        assertThat(stripeApi.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/payment_intents/pi_paid/cancel");
        assertThat(stripeApi.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/payment_intents/pi_paid");
    }
}
