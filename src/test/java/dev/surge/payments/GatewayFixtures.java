package dev.surge.payments;

import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.gateway.GatewayHttp;
import dev.surge.payments.gateway.GatewayResilience;
import dev.surge.payments.paystack.PaystackGateway;
import dev.surge.payments.stripe.StripeGateway;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the provider adapters as the application does, but against a local HTTP stand-in
 * (MockWebServer) and with settings small enough for tests. HMACs here are computed with
 * {@link Mac} directly, independently of the production signature code.
 */
public final class GatewayFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String STRIPE_KEY = "sk_test_surge";
    public static final String PAYSTACK_KEY = "sk_test_paystack_surge";

    private GatewayFixtures() {
    }

    public static MockWebServer standIn() {
        MockWebServer server = new MockWebServer();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    public static URI baseUrl(MockWebServer server) {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static PaymentsProperties.Http http(Duration responseTimeout) {
        return new PaymentsProperties.Http(Duration.ofSeconds(2), responseTimeout);
    }

    /** Fast backoff, and a breaker that needs many calls before it opens unless a test says otherwise. */
    public static PaymentsProperties.Resilience resilience(int maxAttempts) {
        return new PaymentsProperties.Resilience(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(50), 50, 100, 100,
                Duration.ofSeconds(30), 1);
    }

    public static PaymentsProperties.Resilience breaker(int window, Duration openDuration) {
        return new PaymentsProperties.Resilience(1, Duration.ofMillis(10), Duration.ofMillis(50), 50, window, window,
                openDuration, 1);
    }

    public static PaymentsProperties.Stripe stripeSettings(URI baseUrl, List<String> webhookSecrets,
            PaymentsProperties.Http http, PaymentsProperties.Resilience resilience) {
        return new PaymentsProperties.Stripe(true, baseUrl, STRIPE_KEY, webhookSecrets, Duration.ofMinutes(5), null, 2,
                http, resilience);
    }

    public static StripeGateway stripe(URI baseUrl, List<String> webhookSecrets, Clock clock,
            PaymentsProperties.Http http, PaymentsProperties.Resilience resilience) {
        PaymentsProperties.Stripe settings = stripeSettings(baseUrl, webhookSecrets, http, resilience);
        return new StripeGateway(GatewayHttp.webClient(WebClient.builder(), baseUrl, http), settings,
                GatewayResilience.of("stripe", http, resilience, CircuitBreakerRegistry.ofDefaults(),
                        RetryRegistry.ofDefaults()), JSON, clock);
    }

    public static StripeGateway stripe(MockWebServer server, PaymentsProperties.Resilience resilience) {
        return stripe(baseUrl(server), List.of("whsec_test"), Clock.systemUTC(), http(Duration.ofSeconds(5)), resilience);
    }

    public static PaystackGateway paystack(URI baseUrl, PaymentsProperties.Http http,
            PaymentsProperties.Resilience resilience) {
        PaymentsProperties.Paystack settings = new PaymentsProperties.Paystack(true, baseUrl, PAYSTACK_KEY,
                "https://shop.example/checkout/done", 2, http, resilience);
        return new PaystackGateway(GatewayHttp.webClient(WebClient.builder(), baseUrl, http), settings,
                GatewayResilience.of("paystack", http, resilience, CircuitBreakerRegistry.ofDefaults(),
                        RetryRegistry.ofDefaults()), JSON);
    }

    public static PaystackGateway paystack(MockWebServer server, PaymentsProperties.Resilience resilience) {
        return paystack(baseUrl(server), http(Duration.ofSeconds(5)), resilience);
    }

    /** Hex HMAC computed here, with the JDK only. */
    public static String hmacHex(String algorithm, String secret, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code Stripe-Signature} value as Stripe builds it: {@code t=<ts>,v1=<HMAC-SHA256 of "ts.body">}. */
    public static String stripeSignature(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmacHex("HmacSHA256", secret, timestamp + "." + body);
    }
}
