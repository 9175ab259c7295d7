package dev.surge.payments.gateway;

import static dev.surge.payments.GatewayFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.GatewayFixtures;
import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.PaymentProviderUnavailable;
import dev.surge.payments.paystack.PaystackGateway;
import dev.surge.payments.stripe.StripeGateway;
import dev.surge.platform.persistence.Money;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Timeouts, retries and the circuit breaker, with the adapters talking to a stand-in that fails on
 * purpose: 5xx, slow answers, 4xx.
 */
class GatewayResilienceTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String INTENT = """
            {"id": "pi_1", "object": "payment_intent", "amount": 2000, "amount_received": 2000, "currency": "usd",
             "client_secret": "pi_1_secret_x", "created": 1724310864, "metadata": {"payment_id": "pay-1"},
             "status": "succeeded"}""";
    private static final String STRIPE_DOWN = """
            {"error": {"type": "api_error", "message": "An unknown error occurred"}}""";

    private MockWebServer provider;

    @BeforeEach
    void start() {
        provider = GatewayFixtures.standIn();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void anIdempotentReadIsRetriedThrough5xx() {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.resilience(3));
        provider.enqueue(json(500, STRIPE_DOWN));
        provider.enqueue(json(503, STRIPE_DOWN));
        provider.enqueue(json(200, INTENT));

        StepVerifier.create(stripe.verify("pi_1"))
                .assertNext(payment -> assertThat(payment.providerReference()).isEqualTo("pi_1"))
                .expectComplete().verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aCreateUnderAnIdempotencyKeyIsRetriedWithTheSameKey() throws Exception {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.resilience(3));
        provider.enqueue(json(500, STRIPE_DOWN));
        provider.enqueue(json(200, INTENT));

        StepVerifier.create(stripe.initialize(new PaymentRequest("pay-1", Money.of(2000, "USD"), null, null, null, "key-1")))
                .expectNextCount(1).expectComplete().verify(WAIT);

        assertThat(provider.getRequestCount()).isEqualTo(2);
        assertThat(provider.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo("key-1");
        assertThat(provider.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo("key-1");
    }

    @Test
    void aCreateWithoutIdempotencyKeyIsTriedOnce() {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.resilience(3));
        provider.enqueue(json(500, STRIPE_DOWN));
        provider.enqueue(json(200, INTENT));

        StepVerifier.create(stripe.initialize(new PaymentRequest("pay-1", Money.of(2000, "USD"), null, null, null, null)))
                .expectError(PaymentProviderUnavailable.class).verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aNonIdempotentCallIsNotRetried() {
        PaystackGateway paystack = GatewayFixtures.paystack(provider, GatewayFixtures.resilience(3));
        provider.enqueue(json(502, "{\"status\": false, \"message\": \"Bad gateway\"}"));
        provider.enqueue(json(502, "{\"status\": false, \"message\": \"Bad gateway\"}"));

        StepVerifier.create(paystack.refund(RefundRequest.full("pay-7", "refund-7")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(PaymentProviderUnavailable.class);
                    PaymentProviderUnavailable unavailable = (PaymentProviderUnavailable) error;
                    assertThat(unavailable.provider()).isEqualTo("paystack");
                    assertThat(unavailable.code()).isEqualTo("payment_provider_unavailable");
                    assertThat(unavailable.retryAfter()).isPositive();
                })
                .verify(WAIT);
        StepVerifier.create(paystack.initialize(new PaymentRequest("pay-7", Money.of(100, "NGN"), "a@example.com", null,
                        null, "k")))
                .expectError(PaymentProviderUnavailable.class).verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retriesEndInUnavailable() {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.resilience(3));
        for (int i = 0; i < 3; i++) {
            provider.enqueue(json(500, STRIPE_DOWN));
        }

        StepVerifier.create(stripe.verify("pi_1")).expectError(PaymentProviderUnavailable.class).verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(3);
    }

    @Test
    void a4xxIsNeitherRetriedNorHeldAgainstTheProvider() {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.breaker(2, Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            provider.enqueue(json(404, """
                    {"error": {"type": "invalid_request_error", "code": "resource_missing",
                     "message": "No such payment_intent: 'pi_nope'", "param": "intent"}}"""));
        }

        for (int i = 0; i < 4; i++) {
            StepVerifier.create(stripe.verify("pi_nope")).expectError(PaymentProviderRejected.class).verify(WAIT);
        }
        assertThat(provider.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aRateLimitIsUnavailableWithoutRetry() {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.resilience(3));
        provider.enqueue(json(429, """
                {"error": {"type": "invalid_request_error", "code": "rate_limit", "message": "Too many requests"}}"""));

        StepVerifier.create(stripe.verify("pi_1")).expectError(PaymentProviderUnavailable.class).verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyStillInFlightIsUnavailableNotRejected() {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.resilience(3));
        provider.enqueue(json(409, """
                {"error": {"type": "idempotency_error", "code": "idempotency_key_in_use",
                 "message": "There is currently another in-progress request using this Idempotency Key."}}"""));

        StepVerifier.create(stripe.initialize(new PaymentRequest("pay-1", Money.of(2000, "USD"), null, null, null, "key-1")))
                .expectError(PaymentProviderUnavailable.class).verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theBreakerOpensAfterFailuresAndThenRefusesWithoutCalling() {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.breaker(4, Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            provider.enqueue(json(500, STRIPE_DOWN));
        }
        for (int i = 0; i < 4; i++) {
            StepVerifier.create(stripe.verify("pi_1")).expectError(PaymentProviderUnavailable.class).verify(WAIT);
        }
        provider.enqueue(json(200, INTENT));

        StepVerifier.create(stripe.verify("pi_1"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(PaymentProviderUnavailable.class);
                    assertThat(((PaymentProviderUnavailable) error).retryAfter()).isEqualTo(Duration.ofSeconds(30));
                })
                .verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(4);
    }

    @Test
    void anOpenBreakerLetsATrialCallThroughAfterItsWaitAndClosesOnSuccess() throws Exception {
        StripeGateway stripe = GatewayFixtures.stripe(provider, GatewayFixtures.breaker(2, Duration.ofMillis(300)));
        provider.enqueue(json(500, STRIPE_DOWN));
        provider.enqueue(json(500, STRIPE_DOWN));
        provider.enqueue(json(200, INTENT));
        for (int i = 0; i < 2; i++) {
            StepVerifier.create(stripe.verify("pi_1")).expectError(PaymentProviderUnavailable.class).verify(WAIT);
        }
        StepVerifier.create(stripe.verify("pi_1")).expectError(PaymentProviderUnavailable.class).verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(2);

        // The wait is short on purpose; this test thread is not an event loop.
        TimeUnit.MILLISECONDS.sleep(400);
        StepVerifier.create(stripe.verify("pi_1")).expectNextCount(1).expectComplete().verify(WAIT);
        assertThat(provider.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetriedThenUnavailable() {
        StripeGateway stripe = GatewayFixtures.stripe(GatewayFixtures.baseUrl(provider), List.of("whsec"),
                java.time.Clock.systemUTC(), GatewayFixtures.http(Duration.ofMillis(300)), GatewayFixtures.resilience(2));
        for (int i = 0; i < 2; i++) {
            provider.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body(INTENT).headersDelay(3, TimeUnit.SECONDS).build());
        }

        StepVerifier.create(stripe.verify("pi_1"))
                .expectError(PaymentProviderUnavailable.class)
                .verify(Duration.ofSeconds(5));
        assertThat(provider.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aSlowAnswerThenAFastOneSucceeds() {
        StripeGateway stripe = GatewayFixtures.stripe(GatewayFixtures.baseUrl(provider), List.of("whsec"),
                java.time.Clock.systemUTC(), GatewayFixtures.http(Duration.ofMillis(300)), GatewayFixtures.resilience(2));
        provider.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(INTENT).headersDelay(3, TimeUnit.SECONDS).build());
        provider.enqueue(json(200, INTENT));

        StepVerifier.create(stripe.verify("pi_1")).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));
    }
}
