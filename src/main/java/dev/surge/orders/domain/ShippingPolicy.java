package dev.surge.orders.domain;

import dev.surge.orders.config.OrdersProperties;
import dev.surge.platform.persistence.Money;
import java.util.Optional;

/** Prices shipping from the configured rates: flat, by weight, free over a threshold. */
public final class ShippingPolicy {

    private final OrdersProperties.Shipping shipping;

    public ShippingPolicy(OrdersProperties.Shipping shipping) {
        this.shipping = shipping;
        for (OrdersProperties.ShippingRate rate : shipping.rates()) {
            if (!Money.isCurrencyCode(rate.currency()) || rate.flatMinor() < 0 || rate.perKgMinor() < 0
                    || (rate.freeOverMinor() != null && rate.freeOverMinor() < 0)) {
                throw new IllegalArgumentException("Every shipping rate needs a currency and amounts of 0 or more: " + rate);
            }
        }
    }

    /**
     * Shipping for goods worth {@code goodsMinor} weighing {@code grams}, sent to {@code country} and paid
     * in {@code currency}; empty when no rate covers that currency and destination.
     */
    public Optional<Long> cost(String currency, String country, long goodsMinor, long grams) {
        for (OrdersProperties.ShippingRate rate : shipping.rates()) {
            if (!rate.currency().equalsIgnoreCase(currency)) {
                continue;
            }
            if (!rate.countries().isEmpty() && rate.countries().stream().noneMatch(c -> c.equalsIgnoreCase(country))) {
                continue;
            }
            if (rate.freeOverMinor() != null && goodsMinor >= rate.freeOverMinor()) {
                return Optional.of(0L);
            }
            long startedKilograms = (grams + 999) / 1000;
            return Optional.of(Math.addExact(rate.flatMinor(), Math.multiplyExact(rate.perKgMinor(), startedKilograms)));
        }
        return Optional.empty();
    }
}
