package dev.surge.payments.paystack;

import static dev.surge.payments.GatewayFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.GatewayFixtures;
import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.payments.gateway.InitializedPayment;
import dev.surge.payments.gateway.InvalidWebhook;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** The Paystack adapter against a local stand-in that answers like Paystack's API. */
class PaystackGatewayTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MockWebServer paystackApi;
    private PaystackGateway paystack;

    @BeforeEach
    void start() {
        paystackApi = GatewayFixtures.standIn();
        paystack = GatewayFixtures.paystack(paystackApi, GatewayFixtures.resilience(3));
    }

    @AfterEach
    void stop() {
        paystackApi.close();
    }

    @Test
    void initializeUsesOurReferenceAndReturnsTheAuthorizationUrl() throws Exception {
        paystackApi.enqueue(json(200, PaystackJson.initialized("pay-7")));

        StepVerifier.create(paystack.initialize(new PaymentRequest("pay-7", Money.of(40333, "NGN"), "ada@example.com",
                        URI.create("https://shop.example/orders/7"), Map.of("order_id", "ord-7"), "idem-7")))
                .expectNext(new InitializedPayment("paystack", "pay-7", "0peioxfhpn",
                        URI.create("https://checkout.paystack.com/0peioxfhpn"), ProviderPaymentStatus.PENDING))
                .expectComplete().verify(WAIT);

        RecordedRequest request = paystackApi.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/transaction/initialize");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + GatewayFixtures.PAYSTACK_KEY);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = GatewayFixtures.JSON.readTree(request.getBody().utf8());
        assertThat(body.path("email").stringValue()).isEqualTo("ada@example.com");
        assertThat(body.path("amount").stringValue()).isEqualTo("40333");
        assertThat(body.path("currency").stringValue()).isEqualTo("NGN");
        assertThat(body.path("reference").stringValue()).isEqualTo("pay-7");
        assertThat(body.path("callback_url").stringValue()).isEqualTo("https://shop.example/orders/7");
        assertThat(body.path("metadata").path("payment_id").stringValue()).isEqualTo("pay-7");
        assertThat(body.path("metadata").path("order_id").stringValue()).isEqualTo("ord-7");
    }

    @Test
    void initializeWithoutAnEmailIsRefusedBeforeAnyCall() {
        StepVerifier.create(paystack.initialize(new PaymentRequest("pay-8", Money.of(100, "NGN"), null, null, null, null)))
                .expectError(PaymentProviderRejected.class).verify(WAIT);
        assertThat(paystackApi.getRequestCount()).isZero();
    }

    @Test
    void cancelRetiresTheReferenceHereWithoutACallPaystackHasNoneForIt() {
        StepVerifier.create(paystack.cancel("pay-9", "cancel-pay-9"))
                .assertNext(payment -> assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.CANCELED))
                .expectComplete().verify(WAIT);
        assertThat(paystackApi.getRequestCount()).isZero();
    }

    @Test
    void verifyReadsTheTransaction() throws Exception {
        paystackApi.enqueue(json(200, PaystackJson.verified(PaystackJson.transaction(4099260516L, "pay-7", "success", 40333,
                "NGN", "{\"payment_id\": \"pay-7\"}"))));

        StepVerifier.create(paystack.verify("pay-7"))
                .expectNext(new ProviderPayment("paystack", "pay-7", "pay-7", ProviderPaymentStatus.SUCCEEDED,
                        Money.of(40333, "NGN"), Instant.parse("2024-08-22T09:14:24Z")))
                .expectComplete().verify(WAIT);

        RecordedRequest request = paystackApi.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/transaction/verify/pay-7");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + GatewayFixtures.PAYSTACK_KEY);
    }

    @Test
    void anUnknownReferenceIsARefusal() {
        paystackApi.enqueue(json(400, PaystackJson.error("Transaction reference not found", "transaction_not_found")));

        StepVerifier.create(paystack.verify("nope"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(PaymentProviderRejected.class);
                    assertThat(((PaymentProviderRejected) error).providerCode()).isEqualTo("transaction_not_found");
                    assertThat(error.getMessage()).contains("Transaction reference not found");
                })
                .verify(WAIT);
        assertThat(paystackApi.getRequestCount()).isEqualTo(1);
    }

    @Test
    void paystackStatusesMapToNeutralOnes() {
        assertThat(PaystackObjects.status("success")).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
        assertThat(PaystackObjects.status("failed")).isEqualTo(ProviderPaymentStatus.FAILED);
        assertThat(PaystackObjects.status("abandoned")).isEqualTo(ProviderPaymentStatus.PENDING);
        assertThat(PaystackObjects.status("ongoing")).isEqualTo(ProviderPaymentStatus.REQUIRES_ACTION);
        assertThat(PaystackObjects.status("queued")).isEqualTo(ProviderPaymentStatus.PROCESSING);
        assertThat(PaystackObjects.status("reversed")).isEqualTo(ProviderPaymentStatus.REVERSED);
    }

    @Test
    void refundSendsTheTransactionAndAmount() throws Exception {
        paystackApi.enqueue(json(200, PaystackJson.refund(3018284, "pay-7", 10000, "pending")));

        StepVerifier.create(paystack.refund(RefundRequest.partial("pay-7", Money.of(10000, "NGN"), "refund-7")))
                .expectNext(new ProviderRefund("paystack", "3018284", "pay-7", ProviderRefund.Status.PENDING,
                        Money.of(10000, "NGN")))
                .expectComplete().verify(WAIT);

        RecordedRequest request = paystackApi.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/refund");
        JsonNode body = GatewayFixtures.JSON.readTree(request.getBody().utf8());
        assertThat(body.path("transaction").stringValue()).isEqualTo("pay-7");
        assertThat(body.path("amount").stringValue()).isEqualTo("10000");
    }

    @Test
    void fullRefundSendsNoAmount() throws Exception {
        paystackApi.enqueue(json(200, PaystackJson.refund(3018285, "pay-7", 40333, "pending")));

        StepVerifier.create(paystack.refund(RefundRequest.full("pay-7", "refund-8"))).expectNextCount(1)
                .expectComplete().verify(WAIT);

        JsonNode body = GatewayFixtures.JSON.readTree(paystackApi.takeRequest().getBody().utf8());
        assertThat(body.has("amount")).isFalse();
    }

    @Test
    void transactionsPageUntilThePageCount() throws Exception {
        paystackApi.enqueue(json(200, PaystackJson.list(1, 2,
                PaystackJson.transaction(3, "pay-3", "success", 30000, "NGN", "{\"payment_id\": \"pay-3\"}"),
                PaystackJson.transaction(2, "other-2", "abandoned", 20000, "GHS", "\"\""))));
        paystackApi.enqueue(json(200, PaystackJson.list(2, 2,
                PaystackJson.transaction(1, "pay-1", "reversed", 10000, "NGN", "0"))));
        Instant from = Instant.parse("2024-08-01T00:00:00Z");
        Instant to = Instant.parse("2024-08-02T00:00:00Z");

        StepVerifier.create(paystack.transactions(from, to))
                .assertNext(first -> assertThat(first.paymentReference()).isEqualTo("pay-3"))
                .assertNext(second -> {
                    assertThat(second.status()).isEqualTo(ProviderPaymentStatus.PENDING);
                    assertThat(second.amount()).isEqualTo(Money.of(20000, "GHS"));
                })
                .assertNext(third -> assertThat(third.status()).isEqualTo(ProviderPaymentStatus.REVERSED))
                .expectComplete().verify(WAIT);

        RecordedRequest first = paystackApi.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/transaction");
        assertThat(first.getUrl().queryParameter("from")).isEqualTo("2024-08-01T00:00:00Z");
        assertThat(first.getUrl().queryParameter("to")).isEqualTo("2024-08-02T00:00:00Z");
        assertThat(first.getUrl().queryParameter("page")).isEqualTo("1");
        assertThat(first.getUrl().queryParameter("perPage")).isEqualTo("2");
        assertThat(paystackApi.takeRequest().getUrl().queryParameter("page")).isEqualTo("2");
        assertThat(paystackApi.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aWebhookSignedWithTheSecretKeyIsParsed() {
        String body = PaystackJson.chargeSuccess(302961, "pay-7", 40333);

        StepVerifier.create(paystack.parseWebhook(signed(sign(GatewayFixtures.PAYSTACK_KEY, body)), bytes(body)))
                .expectNext(new PaymentEvent("paystack", "charge.success:302961", PaymentEvent.Type.PAYMENT_SUCCEEDED,
                        "charge.success", "pay-7", "pay-7", null, Money.of(40333, "NGN"),
                        Instant.parse("2024-08-22T09:15:02Z")))
                .expectComplete().verify(WAIT);
    }

    @Test
    void disputeEventsCarryTheDisputeByItsStatusAndResolution() {
        String opened = dispute("charge.dispute.create", "awaiting-merchant-feedback", null);
        String declined = dispute("charge.dispute.resolve", "resolved", "declined");
        String accepted = dispute("charge.dispute.resolve", "resolved", "merchant-accepted");

        StepVerifier.create(paystack.parseWebhook(signed(sign(GatewayFixtures.PAYSTACK_KEY, opened)), bytes(opened)))
                .assertNext(event -> {
                    assertThat(event.type()).isEqualTo(PaymentEvent.Type.DISPUTE);
                    assertThat(event.providerReference()).isEqualTo("pay-7");
                    assertThat(event.amount()).isEqualTo(Money.of(5800, "NGN"));
                    assertThat(event.dispute()).isEqualTo(new PaymentEvent.Dispute("358950",
                            DisputeStatus.NEEDS_RESPONSE, "awaiting-merchant-feedback", "chargeback"));
                })
                .expectComplete().verify(WAIT);
        StepVerifier.create(paystack.parseWebhook(signed(sign(GatewayFixtures.PAYSTACK_KEY, declined)), bytes(declined)))
                .assertNext(event -> assertThat(event.dispute().status()).isEqualTo(DisputeStatus.WON))
                .expectComplete().verify(WAIT);
        StepVerifier.create(paystack.parseWebhook(signed(sign(GatewayFixtures.PAYSTACK_KEY, accepted)), bytes(accepted)))
                .assertNext(event -> assertThat(event.dispute().status()).isEqualTo(DisputeStatus.LOST))
                .expectComplete().verify(WAIT);
    }

    private static String dispute(String event, String status, String resolution) {
        return """
                {"event": "%s", "data": {"id": 358950, "refund_amount": 5800, "currency": "NGN", "status": "%s",
                 "resolution": %s, "domain": "test", "category": "chargeback",
                 "transaction": {"id": 896467688, "status": "success", "reference": "pay-7", "amount": 5800,
                   "currency": "NGN"},
                 "created_at": "2024-08-22T09:15:02.000Z", "updated_at": "2024-08-23T10:00:00.000Z"}}"""
                .formatted(event, status, resolution == null ? "null" : "\"" + resolution + "\"");
    }

    @Test
    void theSameDeliveryAlwaysGetsTheSameEventId() {
        String body = PaystackJson.refundProcessed("1234", "pay-7", "10000");

        StepVerifier.create(paystack.parseWebhook(signed(sign(GatewayFixtures.PAYSTACK_KEY, body)), bytes(body)))
                .assertNext(event -> {
                    assertThat(event.eventId()).isEqualTo("refund.processed:1234");
                    assertThat(event.type()).isEqualTo(PaymentEvent.Type.REFUND_SUCCEEDED);
                    assertThat(event.providerReference()).isEqualTo("pay-7");
                    assertThat(event.refundReference()).isEqualTo("1234");
                    assertThat(event.amount()).isEqualTo(Money.of(10000, "NGN"));
                })
                .expectComplete().verify(WAIT);
    }

    @Test
    void badPaystackSignaturesAreRefused() {
        String body = PaystackJson.chargeSuccess(302961, "pay-7", 40333);
        String signature = sign(GatewayFixtures.PAYSTACK_KEY, body);

        refused(paystack.parseWebhook(new HttpHeaders(), bytes(body)), "webhook_signature_malformed");
        refused(paystack.parseWebhook(signed(sign("sk_test_other", body)), bytes(body)), "webhook_signature_invalid");
        refused(paystack.parseWebhook(signed(signature), bytes(body.replace("40333", "4033300"))),
                "webhook_signature_invalid");
        refused(paystack.parseWebhook(signed(signature.substring(2)), bytes(body)), "webhook_signature_invalid");
        refused(paystack.parseWebhook(signed(GatewayFixtures.hmacHex("HmacSHA256", GatewayFixtures.PAYSTACK_KEY, body)),
                bytes(body)), "webhook_signature_invalid");
    }

    @Test
    void confirmTakesWhatTheVerifyApiSaysNotWhatTheWebhookClaims() throws Exception {
        String body = PaystackJson.chargeSuccess(302961, "pay-7", 40333);
        PaymentEvent claimed = paystack.parseWebhook(signed(sign(GatewayFixtures.PAYSTACK_KEY, body)), bytes(body))
                .block(WAIT);
        paystackApi.enqueue(json(200, PaystackJson.verified(PaystackJson.transaction(302961, "pay-7", "success", 40000,
                "NGN", "{\"payment_id\": \"pay-7\"}"))));
        paystackApi.enqueue(json(200, PaystackJson.verified(PaystackJson.transaction(302961, "pay-7", "abandoned", 40333,
                "NGN", "{\"payment_id\": \"pay-7\"}"))));

        StepVerifier.create(paystack.confirm(claimed))
                .assertNext(confirmed -> {
                    assertThat(confirmed.type()).isEqualTo(PaymentEvent.Type.PAYMENT_SUCCEEDED);
                    assertThat(confirmed.amount()).isEqualTo(Money.of(40000, "NGN"));
                    assertThat(confirmed.eventId()).isEqualTo("charge.success:302961");
                })
                .expectComplete().verify(WAIT);
        StepVerifier.create(paystack.confirm(claimed))
                .assertNext(confirmed -> assertThat(confirmed.type()).isEqualTo(PaymentEvent.Type.OTHER))
                .expectComplete().verify(WAIT);
        assertThat(paystackApi.takeRequest().getUrl().encodedPath()).isEqualTo("/transaction/verify/pay-7");
    }

    @Test
    void confirmOfARefundFetchesTheRefund() throws Exception {
        String body = PaystackJson.refundProcessed("1234", "pay-7", "10000");
        PaymentEvent claimed = paystack.parseWebhook(signed(sign(GatewayFixtures.PAYSTACK_KEY, body)), bytes(body))
                .block(WAIT);
        paystackApi.enqueue(json(200, PaystackJson.fetchedRefund(1234, 10000, "processed")));

        StepVerifier.create(paystack.confirm(claimed))
                .assertNext(confirmed -> {
                    assertThat(confirmed.type()).isEqualTo(PaymentEvent.Type.REFUND_SUCCEEDED);
                    assertThat(confirmed.amount()).isEqualTo(Money.of(10000, "NGN"));
                })
                .expectComplete().verify(WAIT);
        assertThat(paystackApi.takeRequest().getUrl().encodedPath()).isEqualTo("/refund/1234");
    }

    private static void refused(Mono<PaymentEvent> parse, String code) {
        StepVerifier.create(parse)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidWebhook.class)
                        .extracting(e -> ((InvalidWebhook) e).code()).isEqualTo(code))
                .verify(WAIT);
    }

    /** {@code x-paystack-signature} as Paystack computes it: hex HMAC-SHA512 of the body with the secret key. */
    private static String sign(String secret, String body) {
        return GatewayFixtures.hmacHex("HmacSHA512", secret, body);
    }

    private static HttpHeaders signed(String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("x-paystack-signature", signature);
        return headers;
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
