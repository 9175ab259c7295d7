package dev.surge.orders.domain;

import dev.surge.orders.config.OrdersProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Chooses the tax rule for a destination and computes the tax in a line's minor units. */
public final class TaxPolicy {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final OrdersProperties.Tax tax;

    public TaxPolicy(OrdersProperties.Tax tax) {
        this.tax = tax;
        for (OrdersProperties.TaxRule rule : tax.rules()) {
            if (rule.country() == null || rule.rate() == null || rule.rate().signum() < 0
                    || rule.rate().compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("Every tax rule needs a country and a rate between 0 and 100: " + rule);
            }
        }
        if (tax.defaultRate().signum() < 0 || tax.defaultRate().compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("The default tax rate must lie between 0 and 100");
        }
    }

    /** The rate and inclusiveness that apply to goods sent to {@code address}. */
    public Rate rateFor(Address address) {
        OrdersProperties.TaxRule countryOnly = null;
        for (OrdersProperties.TaxRule rule : tax.rules()) {
            if (!rule.country().equalsIgnoreCase(address.country())) {
                continue;
            }
            if (rule.region() != null && address.region() != null
                    && rule.region().toUpperCase(Locale.ROOT).equals(address.region().toUpperCase(Locale.ROOT))) {
                return of(rule);
            }
            if (rule.region() == null && countryOnly == null) {
                countryOnly = rule;
            }
        }
        return countryOnly != null ? of(countryOnly) : new Rate(tax.defaultRate(), tax.pricesIncludeTax());
    }

    private Rate of(OrdersProperties.TaxRule rule) {
        return new Rate(rule.rate(), rule.pricesIncludeTax() != null ? rule.pricesIncludeTax() : tax.pricesIncludeTax());
    }

    /** A rate in percent; {@code inclusive}: prices already contain the tax. */
    public record Rate(BigDecimal percent, boolean inclusive) {

        /**
         * The tax of an amount in minor units, rounded half up to a whole minor unit: on top of the amount
         * when exclusive, the part of the amount that is tax when inclusive.
         */
        public long taxOf(long amountMinor) {
            if (percent.signum() == 0 || amountMinor == 0) {
                return 0;
            }
            BigDecimal amount = BigDecimal.valueOf(amountMinor);
            if (!inclusive) {
                return amount.multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
            }
            BigDecimal net = amount.multiply(HUNDRED).divide(HUNDRED.add(percent), 0, RoundingMode.HALF_UP);
            return amountMinor - net.longValueExact();
        }
    }
}
