package dev.surge.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.platform.persistence.Money;
import org.junit.jupiter.api.Test;

/** Our ISO minor units against Stripe's amounts, per Stripe's currency guide. */
class StripeAmountsTests {

    @Test
    void mostCurrenciesAgreeWithIso() {
        assertThat(StripeAmounts.toStripe(Money.of(1999, "USD"))).isEqualTo(1999);
        assertThat(StripeAmounts.toStripe(Money.of(1999, "JPY"))).isEqualTo(1999);
        assertThat(StripeAmounts.toStripe(Money.of(5000, "XOF"))).isEqualTo(5000);
        assertThat(StripeAmounts.toStripe(Money.of(5000, "UGX"))).isEqualTo(5000);
        assertThat(StripeAmounts.toStripe(Money.of(12345, "HUF"))).isEqualTo(12345);
        assertThat(StripeAmounts.toStripe(Money.of(12345, "TWD"))).isEqualTo(12345);
        assertThat(StripeAmounts.fromStripe(1999, "usd")).isEqualTo(Money.of(1999, "USD"));
        assertThat(StripeAmounts.fromStripe(1999, "jpy")).isEqualTo(Money.of(1999, "JPY"));
    }

    @Test
    void iskIsTwoDecimalAtStripeAndWholeKronurOnly() {
        assertThat(StripeAmounts.toStripe(Money.of(5, "ISK"))).isEqualTo(500);
        assertThat(StripeAmounts.fromStripe(500, "isk")).isEqualTo(Money.of(5, "ISK"));
        assertThat(StripeAmounts.fromStripe(4010, "isk")).isEqualTo(Money.of(40, "ISK"));
    }

    @Test
    void mgaIsZeroDecimalAtStripe() {
        assertThat(StripeAmounts.toStripe(Money.of(150000, "MGA"))).isEqualTo(1500);
        assertThat(StripeAmounts.fromStripe(1500, "mga")).isEqualTo(Money.of(150000, "MGA"));
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of(150050, "MGA")))
                .isInstanceOf(PaymentProviderRejected.class);
    }

    @Test
    void threeDecimalAmountsMustEndInZero() {
        assertThat(StripeAmounts.toStripe(Money.of(5120, "KWD"))).isEqualTo(5120);
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of(5124, "KWD")))
                .isInstanceOf(PaymentProviderRejected.class)
                .hasMessageContaining("last digit is 0");
    }
}
