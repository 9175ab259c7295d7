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

/**
 * The application's wiring in the test profile: the sandbox on and the default, Stripe on (a key, pointing at
 * nothing, for the outage test) and Paystack off (no key).
 */
class PaymentsConfigIntegrationTests extends IntegrationTest {

    @Autowired
    private PaymentGateways gateways;

    @Autowired
    private ApplicationContext context;

    @Test
    void onlyGatewaysWithKeysAndTheSandboxAreEnabledAndTheSandboxTakesEveryCurrency() {
        assertThat(gateways.all()).extracting(PaymentGateway::provider).containsExactlyInAnyOrder("sandbox", "stripe");
        assertThat(context.getBeansOfType(SandboxGateway.class)).hasSize(1);
        assertThat(gateways.forCurrency("NGN").provider()).isEqualTo("sandbox");
        assertThat(gateways.forCurrency("usd").provider()).isEqualTo("sandbox");
        assertThat(gateways.named("Sandbox").provider()).isEqualTo("sandbox");
        assertThat(gateways.named("stripe").provider()).isEqualTo("stripe");
        assertThatThrownBy(() -> gateways.named("paystack")).isInstanceOf(UnknownPaymentProvider.class);
    }
}
