package dev.surge.payments.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.payments.GatewayFixtures;
import dev.surge.payments.NoPaymentProvider;
import dev.surge.payments.UnknownPaymentProvider;
import dev.surge.payments.config.PaymentsProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing a gateway by name or currency, among the enabled ones only. */
class PaymentGatewaysTests {

    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private final PaymentGateway stripe = GatewayFixtures.stripe(NOWHERE, List.of(), java.time.Clock.systemUTC(),
            GatewayFixtures.http(Duration.ofSeconds(1)), GatewayFixtures.resilience(1));
    private final PaymentGateway paystack = GatewayFixtures.paystack(NOWHERE, GatewayFixtures.http(Duration.ofSeconds(1)),
            GatewayFixtures.resilience(1));

    @Test
    void theDefaultRoutingSendsAfricanCurrenciesToPaystackAndTheRestToStripe() {
        PaymentGateways gateways = new PaymentGateways(List.of(stripe, paystack), new PaymentsProperties.Routing("stripe", null));

        assertThat(gateways.forCurrency("NGN")).isSameAs(paystack);
        assertThat(gateways.forCurrency("ghs")).isSameAs(paystack);
        assertThat(gateways.forCurrency("ZAR")).isSameAs(paystack);
        assertThat(gateways.forCurrency("KES")).isSameAs(paystack);
        assertThat(gateways.forCurrency("USD")).isSameAs(stripe);
        assertThat(gateways.forCurrency("EUR")).isSameAs(stripe);
    }

    @Test
    void aCurrencyRoutedToADisabledGatewayGoesToTheDefault() {
        PaymentGateways gateways = new PaymentGateways(List.of(stripe), new PaymentsProperties.Routing("stripe", null));

        assertThat(gateways.forCurrency("NGN")).isSameAs(stripe);
    }

    @Test
    void routingIsConfigurable() {
        PaymentGateways gateways = new PaymentGateways(List.of(stripe, paystack),
                new PaymentsProperties.Routing("Paystack", Map.of("usd", "STRIPE")));

        assertThat(gateways.forCurrency("USD")).isSameAs(stripe);
        assertThat(gateways.forCurrency("NGN")).isSameAs(paystack);
        assertThat(gateways.forCurrency("EUR")).isSameAs(paystack);
    }

    @Test
    void withNeitherRouteNorDefaultEnabledThereIsNoGateway() {
        PaymentGateways gateways = new PaymentGateways(List.of(paystack), new PaymentsProperties.Routing("stripe", null));

        assertThat(gateways.forCurrency("NGN")).isSameAs(paystack);
        assertThatThrownBy(() -> gateways.forCurrency("USD")).isInstanceOf(NoPaymentProvider.class);
    }

    @Test
    void byNameOnlyEnabledGateways() {
        PaymentGateways gateways = new PaymentGateways(List.of(paystack), new PaymentsProperties.Routing("stripe", null));

        assertThat(gateways.named(" PAYSTACK ")).isSameAs(paystack);
        assertThat(gateways.isEnabled("stripe")).isFalse();
        assertThatThrownBy(() -> gateways.named("stripe")).isInstanceOf(UnknownPaymentProvider.class);
        assertThatThrownBy(() -> gateways.named(null)).isInstanceOf(UnknownPaymentProvider.class);
    }

    @Test
    void twoGatewaysOfOneNameAreAConfigurationError() {
        assertThatThrownBy(() -> new PaymentGateways(List.of(stripe, stripe), new PaymentsProperties.Routing("stripe", null)))
                .isInstanceOf(IllegalStateException.class);
    }
}
