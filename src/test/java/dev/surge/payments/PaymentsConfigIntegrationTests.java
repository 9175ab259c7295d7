package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.payments.sandbox.SandboxGateway;
import dev.surge.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The application's wiring with no provider keys: Stripe and Paystack off, the sandbox (test profile) on. */
class PaymentsConfigIntegrationTests extends IntegrationTest {

    @Autowired
    private PaymentGateways gateways;

    @Autowired
    private ApplicationContext context;

    @Test
    void withoutKeysOnlyTheSandboxIsEnabledAndTakesEveryCurrency() {
        assertThat(gateways.all()).extracting(PaymentGateway::provider).containsExactly("sandbox");
        assertThat(context.getBeansOfType(SandboxGateway.class)).hasSize(1);
        assertThat(gateways.forCurrency("NGN").provider()).isEqualTo("sandbox");
        assertThat(gateways.forCurrency("usd").provider()).isEqualTo("sandbox");
        assertThat(gateways.named("Sandbox").provider()).isEqualTo("sandbox");
        assertThatThrownBy(() -> gateways.named("stripe")).isInstanceOf(UnknownPaymentProvider.class);
    }
}
