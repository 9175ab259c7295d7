package dev.surge.reporting.sales.domain;

import dev.surge.platform.persistence.Money;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Currency;
import org.springframework.stereotype.Component;

/**
 * The business figures for dashboards, counted by the reporting consumers as events are applied (a duplicate is
 * skipped before it gets here): orders placed (checkouts), orders paid and revenue paid, by currency. Each instance
 * counts the events its partitions carry; summed over instances they are the store's. Prometheus names:
 * {@code surge_business_orders_placed_total}, {@code surge_business_orders_paid_total},
 * {@code surge_business_revenue_total} (major units).
 */
@Component
public class SalesMeters {

    private final MeterRegistry registry;

    SalesMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void placed(Money total) {
        counter("surge.business.orders.placed", total.currency(), "Orders placed at checkout").increment();
    }

    void paid(Money amount) {
        counter("surge.business.orders.paid", amount.currency(), "Orders paid").increment();
        counter("surge.business.revenue", amount.currency(), "Money paid for orders, in major units")
                .increment(major(amount).doubleValue());
    }

    private Counter counter(String name, String currency, String description) {
        return Counter.builder(name).tag("currency", currency).description(description).register(registry);
    }

    private static BigDecimal major(Money money) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(money.amountMinor(), digits);
    }
}
