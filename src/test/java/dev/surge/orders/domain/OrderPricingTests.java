package dev.surge.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.catalog.VariantSnapshot;
import dev.surge.orders.config.OrdersProperties;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderPricingTests {

    private final OrderPricing pricing = new OrderPricing(
            new TaxPolicy(new OrdersProperties.Tax(BigDecimal.ZERO, false, List.of(
                    new OrdersProperties.TaxRule("GB", null, new BigDecimal("20"), true),
                    new OrdersProperties.TaxRule("US", "CA", new BigDecimal("7.25"), null),
                    new OrdersProperties.TaxRule("US", null, new BigDecimal("5"), null),
                    new OrdersProperties.TaxRule("JP", null, new BigDecimal("10"), true)))),
            new ShippingPolicy(new OrdersProperties.Shipping(List.of(
                    new OrdersProperties.ShippingRate("USD", List.of(), 500, 250, 10000L),
                    new OrdersProperties.ShippingRate("GBP", List.of(), 399, 0, 5000L),
                    new OrdersProperties.ShippingRate("JPY", List.of("JP"), 800, 0, 10000L),
                    new OrdersProperties.ShippingRate("KWD", List.of(), 1500, 0, null)))));

    private static OrderPricing.Item item(long price, String currency, int quantity, Integer grams) {
        VariantSnapshot variant = new VariantSnapshot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "SKU",
                "Lamp", "Brass", new Money(price, currency), true, grams);
        return new OrderPricing.Item(variant, quantity, variant.price(), null);
    }

    private static Address to(String country, String region) {
        return new Address("Ada", "1 Main St", null, "Town", region, "12345", country, null);
    }

    @Test
    void taxExclusiveIsAddedPerLineAndShippingChargesEveryStartedKilogram() {
        var priced = pricing.price(List.of(item(1999, "USD", 2, 600)), to("US", "CA"));
        // 3998 × 7.25 % = 289.855 → 290; 1.2 kg → 2 kg: 500 + 2 × 250
        assertThat(priced.subtotal()).isEqualTo(3998);
        assertThat(priced.tax()).isEqualTo(290);
        assertThat(priced.shipping()).isEqualTo(1000);
        assertThat(priced.total()).isEqualTo(3998 + 290 + 1000);
        assertThat(priced.pricesIncludeTax()).isFalse();
    }

    @Test
    void theCountryRuleAppliesWhereNoRegionMatchesAndRoundsHalfUp() {
        var priced = pricing.price(List.of(item(999, "USD", 1, null)), to("US", "TX"));
        assertThat(priced.tax()).isEqualTo(50); // 49.95
        assertThat(priced.shipping()).isEqualTo(500);
        assertThat(priced.total()).isEqualTo(999 + 50 + 500);
    }

    @Test
    void taxInclusivePricesContainTheTaxAndTheThresholdMakesShippingFree() {
        var priced = pricing.price(List.of(item(6000, "GBP", 1, 5000)), to("GB", null));
        assertThat(priced.tax()).isEqualTo(1000); // 6000 − 6000 / 1.2
        assertThat(priced.shipping()).isZero();
        assertThat(priced.total()).isEqualTo(6000);
        assertThat(priced.pricesIncludeTax()).isTrue();
    }

    @Test
    void zeroAndThreeDecimalCurrenciesAreWholeMinorUnits() {
        var yen = pricing.price(List.of(item(1100, "JPY", 3, null)), to("JP", null));
        assertThat(yen.tax()).isEqualTo(300);
        assertThat(yen.shipping()).isEqualTo(800);
        assertThat(yen.total()).isEqualTo(4100);
        var dinar = pricing.price(List.of(item(12345, "KWD", 2, null)), to("KW", null));
        assertThat(dinar.tax()).isZero();
        assertThat(dinar.total()).isEqualTo(24690 + 1500);
    }

    @Test
    void oneCurrencyPerOrderAndOnlyWhereShippingIsConfigured() {
        assertThatThrownBy(() -> pricing.price(List.of(item(100, "USD", 1, null), item(100, "GBP", 1, null)),
                to("US", null))).hasMessageContaining("one currency");
        assertThatThrownBy(() -> pricing.price(List.of(item(100, "EUR", 1, null)), to("DE", null)))
                .isInstanceOf(OrderErrors.Unprocessable.class).hasMessageContaining("EUR");
        assertThatThrownBy(() -> pricing.price(List.of(item(100, "JPY", 1, null)), to("US", null)))
                .isInstanceOf(OrderErrors.Unprocessable.class);
    }

    @Test
    void inclusiveTaxOfEachLineAddsUpWithoutDrift() {
        var priced = pricing.price(List.of(item(1, "GBP", 7, null), item(333, "GBP", 3, null)), to("GB", null));
        long lineTaxes = priced.lines().stream().mapToLong(line -> line.tax().amountMinor()).sum();
        assertThat(priced.tax()).isEqualTo(lineTaxes);
        assertThat(priced.total()).isEqualTo(7 + 999 + 399);
    }
}
