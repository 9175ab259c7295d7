package dev.surge.payments.config;

import dev.surge.payments.gateway.GatewayHttp;
import dev.surge.payments.gateway.GatewayResilience;
import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.payments.paystack.PaystackGateway;
import dev.surge.payments.sandbox.SandboxGateway;
import dev.surge.payments.stripe.StripeGateway;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment gateways that are switched on, each with its own HTTP client, circuit breaker and retry
 * (exported as {@code resilience4j_circuitbreaker_*} and {@code resilience4j_retry_*} metrics, tagged
 * {@code name=payments-<provider>}), and the registry that picks one per payment.
 * <p>
 * Stripe and Paystack are on when their secret key is set (or {@code enabled} says so explicitly); the
 * sandbox only when {@code surge.payments.sandbox.enabled} is true, which only the local run sets.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfig {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfig.class);

    @Bean
    dev.surge.platform.events.EventTopic paymentsTopic() {
        return new dev.surge.platform.events.EventTopic(dev.surge.payments.PaymentEvents.TOPIC);
    }

    @Bean
    CircuitBreakerRegistry paymentCircuitBreakers(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RetryRegistry paymentRetries(MeterRegistry meters) {
        RetryRegistry registry = RetryRegistry.ofDefaults();
        TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    PaymentGateways paymentGateways(ObjectProvider<PaymentGateway> gateways, PaymentsProperties properties) {
        PaymentGateways registry = new PaymentGateways(gateways.orderedStream().toList(), properties.routing());
        log.info("Payment gateways enabled: {}", registry.all().stream().map(PaymentGateway::provider).toList());
        return registry;
    }

    @Bean
    @Conditional(StripeOn.class)
    StripeGateway stripeGateway(PaymentsProperties properties, WebClient.Builder builder, JsonMapper json,
            CircuitBreakerRegistry breakers, RetryRegistry retries) {
        PaymentsProperties.Stripe stripe = properties.stripe();
        required(stripe.secretKey(), "surge.payments.stripe.secret-key (SURGE_STRIPE_SECRET_KEY)");
        if (stripe.webhookSecrets().isEmpty()) {
            log.warn("Stripe is enabled without webhook secrets (SURGE_STRIPE_WEBHOOK_SECRETS): every Stripe webhook "
                    + "will be refused");
        }
        return new StripeGateway(GatewayHttp.webClient(builder, stripe.baseUrl(), stripe.http()), stripe,
                GatewayResilience.of(StripeGateway.PROVIDER, stripe.http(), stripe.resilience(), breakers, retries),
                json, Clock.systemUTC());
    }

    @Bean
    @Conditional(PaystackOn.class)
    PaystackGateway paystackGateway(PaymentsProperties properties, WebClient.Builder builder, JsonMapper json,
            CircuitBreakerRegistry breakers, RetryRegistry retries) {
        PaymentsProperties.Paystack paystack = properties.paystack();
        required(paystack.secretKey(), "surge.payments.paystack.secret-key (SURGE_PAYSTACK_SECRET_KEY)");
        return new PaystackGateway(GatewayHttp.webClient(builder, paystack.baseUrl(), paystack.http()), paystack,
                GatewayResilience.of(PaystackGateway.PROVIDER, paystack.http(), paystack.resilience(), breakers, retries),
                json);
    }

    @Bean
    @ConditionalOnProperty(prefix = "surge.payments.sandbox", name = "enabled", havingValue = "true")
    SandboxGateway sandboxGateway(PaymentsProperties properties, ReactiveStringRedisTemplate redis,
            WebClient.Builder builder, JsonMapper json, Environment environment) {
        PaymentsProperties.Sandbox sandbox = properties.sandbox();
        // The port is known only once the server listens, so the default URLs are made at each use.
        Supplier<String> port = () -> environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
        Supplier<URI> webhookUrl = StringUtils.hasText(sandbox.webhookUrl()) ? () -> URI.create(sandbox.webhookUrl())
                : () -> URI.create("http://127.0.0.1:" + port.get() + "/api/v1/webhooks/sandbox");
        Function<String, URI> payUrl = reference -> URI.create((StringUtils.hasText(sandbox.payUrl())
                ? sandbox.payUrl() : "http://localhost:" + port.get() + "/api/v1/sandbox/payments/{reference}")
                .replace("{reference}", reference));
        String secret = StringUtils.hasText(sandbox.webhookSecret()) ? sandbox.webhookSecret() : randomSecret();
        log.warn("The payment sandbox is enabled: payments are simulated and no money moves. Never enable it in production.");
        URI returnUrl = StringUtils.hasText(sandbox.returnUrl()) ? URI.create(sandbox.returnUrl()) : null;
        return new SandboxGateway(redis, GatewayHttp.webClient(builder, null, sandbox.http()),
                new SandboxGateway.Settings(webhookUrl, payUrl, returnUrl, secret, sandbox.webhookTolerance(),
                        sandbox.retention()), json, Clock.systemUTC());
    }

    private static void required(String value, String name) {
        if (!StringUtils.hasText(value)) {
            throw new IllegalStateException(name + " is required when the gateway is enabled");
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "whsec_sandbox_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** On when {@code enabled} says so, or, left unset, when the secret key is set. */
    abstract static class ProviderOn implements Condition {

        private final String provider;

        ProviderOn(String provider) {
            this.provider = provider;
        }

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            String prefix = "surge.payments." + provider + ".";
            String enabled = environment.getProperty(prefix + "enabled");
            if (StringUtils.hasText(enabled)) {
                return Boolean.parseBoolean(enabled.trim());
            }
            return StringUtils.hasText(environment.getProperty(prefix + "secret-key"));
        }
    }

    static final class StripeOn extends ProviderOn {
        StripeOn() {
            super(StripeGateway.PROVIDER);
        }
    }

    static final class PaystackOn extends ProviderOn {
        PaystackOn() {
            super(PaystackGateway.PROVIDER);
        }
    }
}
