package dev.surge.orders.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Checkout and order settings.
 *
 * @param paymentWindow  how long a new order holds its stock waiting for payment (flash-sale holds keep
 *                       their own, shorter, time); the order expires with its first hold
 * @param expiryInterval how often each instance expires unpaid orders past their time
 * @param expiryBatch    orders expired per round and instance
 * @param maxLines       most distinct lines in one checkout
 * @param tax            tax rules by destination
 * @param shipping       shipping rates by currency and destination
 */
@ConfigurationProperties("surge.orders")
public record OrdersProperties(
        @DefaultValue("30m") Duration paymentWindow,
        @DefaultValue("5s") Duration expiryInterval,
        @DefaultValue("200") int expiryBatch,
        @DefaultValue("50") int maxLines,
        @DefaultValue Tax tax,
        @DefaultValue Shipping shipping,
        @DefaultValue("1h") Duration exportTimeout) {

    /**
     * @param defaultRate      percent applied where no rule matches the destination
     * @param pricesIncludeTax whether catalog prices already include tax where no rule says otherwise
     * @param rules            the most specific match wins: country and region, then country alone
     */
    public record Tax(@DefaultValue("0") BigDecimal defaultRate, @DefaultValue("false") boolean pricesIncludeTax,
            @DefaultValue List<TaxRule> rules) {
    }

    /** A rate in percent for a country (ISO 3166-1 alpha-2) and optionally one of its regions. */
    public record TaxRule(String country, String region, BigDecimal rate, Boolean pricesIncludeTax) {
    }

    /** The first rate that matches the order's currency and destination applies. */
    public record Shipping(@DefaultValue List<ShippingRate> rates) {
    }

    /**
     * Shipping in one currency, in its minor units: {@code flatMinor} plus {@code perKgMinor} for every
     * started kilogram of the order's weight; nothing when the goods come to {@code freeOverMinor} or more.
     * {@code countries} empty: anywhere.
     */
    public record ShippingRate(String currency, @DefaultValue List<String> countries, @DefaultValue("0") long flatMinor,
            @DefaultValue("0") long perKgMinor, Long freeOverMinor) {
    }
}
