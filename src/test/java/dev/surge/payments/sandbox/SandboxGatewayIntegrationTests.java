package dev.surge.payments.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.GatewayFixtures;
import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.gateway.GatewayHttp;
import dev.surge.payments.gateway.InvalidWebhook;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.persistence.Money;
import dev.surge.support.IntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The sandbox over the test Redis, delivering its webhooks to a local stand-in of Surge's webhook
 * endpoint (that endpoint comes with the webhook work). Its signatures are checked here with
 * {@code javax.crypto} and with its own {@code parseWebhook}, so the two sides provably agree.
 */
class SandboxGatewayIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "whsec_sandbox_test";

    @Autowired
    private ReactiveStringRedisTemplate redis;

    private MockWebServer endpoint;
    private SandboxGateway sandbox;

    @BeforeEach
    void start() {
        endpoint = GatewayFixtures.standIn();
        URI webhookUrl = GatewayFixtures.baseUrl(endpoint).resolve("/api/v1/webhooks/sandbox");
        sandbox = new SandboxGateway(redis, GatewayHttp.webClient(WebClient.builder(), null,
                GatewayFixtures.http(Duration.ofSeconds(5))), new SandboxGateway.Settings(() -> webhookUrl,
                reference -> URI.create("http://localhost:8080/api/v1/sandbox/payments/" + reference), null, SECRET,
                Duration.ofMinutes(5), Duration.ofHours(1)), GatewayFixtures.JSON, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void initializeGivesAReferenceAndAPayUrlAndIsIdempotentByKey() {
        String key = UUID.randomUUID().toString();
        PaymentRequest request = new PaymentRequest("pay-" + key, Money.of(2500, "USD"), "ada@example.com", null, null, key);

        String reference = sandbox.initialize(request).map(initialized -> {
            assertThat(initialized.provider()).isEqualTo("sandbox");
            assertThat(initialized.providerReference()).startsWith("sbx_");
            assertThat(initialized.authorizationUrl())
                    .isEqualTo(URI.create("http://localhost:8080/api/v1/sandbox/payments/" + initialized.providerReference()));
            assertThat(initialized.status()).isEqualTo(ProviderPaymentStatus.PENDING);
            return initialized.providerReference();
        }).block(WAIT);

        StepVerifier.create(sandbox.initialize(request).map(initialized -> initialized.providerReference()))
                .expectNext(reference).expectComplete().verify(WAIT);
        StepVerifier.create(sandbox.verify(reference))
                .assertNext(payment -> {
                    assertThat(payment.paymentReference()).isEqualTo("pay-" + key);
                    assertThat(payment.amount()).isEqualTo(Money.of(2500, "USD"));
                    assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.PENDING);
                })
                .expectComplete().verify(WAIT);
    }

    @Test
    void completingDeliversASignedWebhookThatParsesBack() throws Exception {
        String reference = started(Money.of(4200, "EUR"), "pay-complete");
        endpoint.enqueue(GatewayFixtures.json(200, "{}"));

        PaymentEvent sent = sandbox.complete(reference, SandboxGateway.Outcome.SUCCEED).block(WAIT);

        assertThat(sent.type()).isEqualTo(PaymentEvent.Type.PAYMENT_SUCCEEDED);
        RecordedRequest delivery = endpoint.takeRequest(5, TimeUnit.SECONDS);
        assertThat(delivery.getMethod()).isEqualTo("POST");
        assertThat(delivery.getUrl().encodedPath()).isEqualTo("/api/v1/webhooks/sandbox");
        String body = delivery.getBody().utf8();
        String header = delivery.getHeaders().get(SandboxGateway.SIGNATURE_HEADER);
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
        assertThat(header).isEqualTo(GatewayFixtures.stripeSignature(SECRET, t, body));

        StepVerifier.create(sandbox.parseWebhook(headers(header), body.getBytes(StandardCharsets.UTF_8)))
                .assertNext(parsed -> {
                    assertThat(parsed.type()).isEqualTo(PaymentEvent.Type.PAYMENT_SUCCEEDED);
                    assertThat(parsed.eventId()).isEqualTo(sent.eventId());
                    assertThat(parsed.providerReference()).isEqualTo(reference);
                    assertThat(parsed.paymentReference()).isEqualTo("pay-complete");
                    assertThat(parsed.amount()).isEqualTo(Money.of(4200, "EUR"));
                })
                .expectComplete().verify(WAIT);
        StepVerifier.create(sandbox.verify(reference).map(ProviderPayment::status))
                .expectNext(ProviderPaymentStatus.SUCCEEDED).expectComplete().verify(WAIT);
    }

    @Test
    void completingAgainTheSameWayRedeliversTheSameEventAndTheOtherWayIsRefused() {
        String reference = started(Money.of(1000, "USD"), "pay-twice");
        endpoint.enqueue(GatewayFixtures.json(200, "{}"));
        endpoint.enqueue(GatewayFixtures.json(200, "{}"));

        String first = sandbox.complete(reference, SandboxGateway.Outcome.FAIL).map(PaymentEvent::eventId).block(WAIT);
        StepVerifier.create(sandbox.complete(reference, SandboxGateway.Outcome.FAIL).map(PaymentEvent::eventId))
                .expectNext(first).expectComplete().verify(WAIT);
        StepVerifier.create(sandbox.complete(reference, SandboxGateway.Outcome.SUCCEED))
                .expectError(ConflictException.class).verify(WAIT);
        StepVerifier.create(sandbox.complete("sbx_unknown", SandboxGateway.Outcome.SUCCEED))
                .expectError(NotFoundException.class).verify(WAIT);
        assertThat(endpoint.getRequestCount()).isEqualTo(2);
    }

    @Test
    void concurrentCompletionsHaveOneWinner() {
        String reference = started(Money.of(1000, "USD"), "pay-race");
        for (int i = 0; i < 20; i++) {
            endpoint.enqueue(GatewayFixtures.json(200, "{}"));
        }

        var outcomes = Flux.range(0, 20)
                .flatMap(i -> sandbox.complete(reference, i % 2 == 0 ? SandboxGateway.Outcome.SUCCEED
                                : SandboxGateway.Outcome.FAIL)
                        .map(event -> event.type().name())
                        .onErrorResume(ConflictException.class, e -> Mono.just("conflict")))
                .collectList().block(WAIT);

        assertThat(outcomes).hasSize(20);
        assertThat(outcomes.stream().filter(o -> !o.equals("conflict")).distinct()).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o.equals("conflict"))).hasSize(10);
    }

    @Test
    void aDeliveryTheEndpointRefusesIsReportedAndCanBeRepeated() {
        String reference = started(Money.of(1000, "USD"), "pay-undelivered");
        endpoint.enqueue(GatewayFixtures.json(404, "{}"));
        endpoint.enqueue(GatewayFixtures.json(200, "{}"));

        StepVerifier.create(sandbox.complete(reference, SandboxGateway.Outcome.SUCCEED))
                .expectError(SandboxWebhookNotDelivered.class).verify(WAIT);
        StepVerifier.create(sandbox.complete(reference, SandboxGateway.Outcome.SUCCEED))
                .expectNextCount(1).expectComplete().verify(WAIT);
    }

    @Test
    void refundsAreIdempotentByKeyAndNeverExceedThePayment() throws Exception {
        String reference = started(Money.of(1000, "USD"), "pay-refund");
        for (int i = 0; i < 5; i++) {
            endpoint.enqueue(GatewayFixtures.json(200, "{}"));
        }
        StepVerifier.create(sandbox.refund(RefundRequest.full(reference, "too-early")))
                .expectErrorSatisfies(e -> assertThat(((PaymentProviderRejected) e).providerCode())
                        .isEqualTo("payment_not_succeeded"))
                .verify(WAIT);
        sandbox.complete(reference, SandboxGateway.Outcome.SUCCEED).block(WAIT);
        endpoint.takeRequest(5, TimeUnit.SECONDS);

        ProviderRefund partial = sandbox.refund(RefundRequest.partial(reference, Money.of(300, "USD"), "r-1")).block(WAIT);
        assertThat(partial.status()).isEqualTo(ProviderRefund.Status.SUCCEEDED);
        assertThat(partial.amount()).isEqualTo(Money.of(300, "USD"));
        RecordedRequest announced = endpoint.takeRequest(5, TimeUnit.SECONDS);
        StepVerifier.create(sandbox.parseWebhook(headers(announced.getHeaders().get(SandboxGateway.SIGNATURE_HEADER)),
                        announced.getBody().toByteArray()))
                .assertNext(event -> {
                    assertThat(event.type()).isEqualTo(PaymentEvent.Type.REFUND_SUCCEEDED);
                    assertThat(event.refundReference()).isEqualTo(partial.refundReference());
                    assertThat(event.amount()).isEqualTo(Money.of(300, "USD"));
                })
                .expectComplete().verify(WAIT);

        StepVerifier.create(sandbox.refund(RefundRequest.partial(reference, Money.of(300, "USD"), "r-1")))
                .expectNext(partial).expectComplete().verify(WAIT);
        StepVerifier.create(sandbox.refund(RefundRequest.partial(reference, Money.of(800, "USD"), "r-2")))
                .expectErrorSatisfies(e -> assertThat(((PaymentProviderRejected) e).providerCode())
                        .isEqualTo("amount_too_large"))
                .verify(WAIT);
        StepVerifier.create(sandbox.refund(RefundRequest.partial(reference, Money.of(100, "EUR"), "r-3")))
                .expectError(PaymentProviderRejected.class).verify(WAIT);
        StepVerifier.create(sandbox.refund(RefundRequest.full(reference, "r-4")).map(ProviderRefund::amount))
                .expectNext(Money.of(700, "USD")).expectComplete().verify(WAIT);
        StepVerifier.create(sandbox.verify(reference).map(ProviderPayment::status))
                .expectNext(ProviderPaymentStatus.REVERSED).expectComplete().verify(WAIT);
    }

    @Test
    void webhooksWithABadSignatureOrTooOldAreRefused() {
        String body = """
                {"id": "evt_x", "type": "payment.succeeded", "created": 1, "data": {"reference": "sbx_x",
                 "payment_reference": "pay-x", "refund_reference": null, "amount": 100, "currency": "USD"}}""";
        long now = Instant.now().getEpochSecond();

        StepVerifier.create(sandbox.parseWebhook(headers(GatewayFixtures.stripeSignature("whsec_other", now, body)),
                        body.getBytes(StandardCharsets.UTF_8)))
                .expectError(InvalidWebhook.class).verify(WAIT);
        StepVerifier.create(sandbox.parseWebhook(headers(GatewayFixtures.stripeSignature(SECRET, now - 3600, body)),
                        body.getBytes(StandardCharsets.UTF_8)))
                .expectError(InvalidWebhook.class).verify(WAIT);
        StepVerifier.create(sandbox.parseWebhook(headers(GatewayFixtures.stripeSignature(SECRET, now, body)),
                        body.getBytes(StandardCharsets.UTF_8)).map(PaymentEvent::type))
                .expectNext(PaymentEvent.Type.PAYMENT_SUCCEEDED).expectComplete().verify(WAIT);
    }

    @Test
    void transactionsListWhatWasCreatedInTheWindow() {
        Instant before = Instant.now().minusSeconds(1);
        String reference = started(Money.of(990, "GBP"), "pay-listed");

        StepVerifier.create(sandbox.transactions(before, Instant.now().plusSeconds(1))
                        .filter(payment -> payment.providerReference().equals(reference)))
                .assertNext(payment -> assertThat(payment.amount()).isEqualTo(Money.of(990, "GBP")))
                .expectComplete().verify(WAIT);
        StepVerifier.create(sandbox.transactions(before.minusSeconds(3600), before)
                        .filter(payment -> payment.providerReference().equals(reference)))
                .expectComplete().verify(WAIT);
    }

    private String started(Money amount, String paymentReference) {
        return sandbox.initialize(new PaymentRequest(paymentReference, amount, null, null, null, null))
                .map(initialized -> initialized.providerReference()).block(WAIT);
    }

    private static HttpHeaders headers(String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(SandboxGateway.SIGNATURE_HEADER, signature);
        return headers;
    }
}
