package dev.surge.payments.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.payments.paystack.PaystackGateway;
import dev.surge.payments.stripe.StripeGateway;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** Which gateways the configuration switches on, and how the settings bind. */
class PaymentsConfigTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Infrastructure.class, PaymentsConfig.class);

    @Test
    void aProviderIsOnWhenItsKeyIsSet() {
        runner.withPropertyValues("surge.payments.stripe.secret-key=sk_test_1",
                        "surge.payments.stripe.webhook-secrets=whsec_new, whsec_old,",
                        "surge.payments.paystack.secret-key=sk_test_2",
                        "surge.payments.stripe.http.response-timeout=3s",
                        "surge.payments.routing.currencies.EUR=paystack")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PaymentGateways gateways = context.getBean(PaymentGateways.class);
                    assertThat(gateways.all()).extracting(PaymentGateway::provider)
                            .containsExactlyInAnyOrder("stripe", "paystack");
                    assertThat(gateways.forCurrency("EUR")).isInstanceOf(PaystackGateway.class);
                    assertThat(gateways.forCurrency("USD")).isInstanceOf(StripeGateway.class);
                    PaymentsProperties properties = context.getBean(PaymentsProperties.class);
                    assertThat(properties.stripe().webhookSecrets()).containsExactly("whsec_new", "whsec_old");
                    assertThat(properties.stripe().http().responseTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(properties.stripe().webhookTolerance()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(context.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers())
                            .extracting(breaker -> breaker.getName())
                            .containsExactlyInAnyOrder("payments-stripe", "payments-paystack");
                    assertThat(context.getBean(MeterRegistry.class).find("resilience4j.circuitbreaker.state")
                            .tag("name", "payments-stripe").meters()).isNotEmpty();
                });
    }

    @Test
    void withoutKeysNothingIsOnAndNothingFails() {
        runner.withPropertyValues("surge.payments.stripe.secret-key=", "surge.payments.stripe.webhook-secrets=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PaymentGateways.class).all()).isEmpty();
                });
    }

    @Test
    void enabledFalseWinsOverAKey() {
        runner.withPropertyValues("surge.payments.stripe.secret-key=sk_test_1", "surge.payments.stripe.enabled=false")
                .run(context -> assertThat(context.getBean(PaymentGateways.class).all()).isEmpty());
    }

    @Test
    void enabledWithoutAKeyFailsAtStartUp() {
        runner.withPropertyValues("surge.payments.paystack.enabled=true")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PaymentsProperties.class)
    static class Infrastructure {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        WebClient.Builder webClientBuilder() {
            return WebClient.builder();
        }

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }
}
