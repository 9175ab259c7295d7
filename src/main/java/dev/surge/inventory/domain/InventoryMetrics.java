package dev.surge.inventory.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Inventory's meters: {@code surge.inventory.reservations{kind, outcome}} counts reservation attempts by
 * outcome (reserved, sold_out, out_of_stock, limit, not_active, oversell_prevented);
 * {@code surge.inventory.reservations.expired}; {@code surge.inventory.drift} the units by which Redis and
 * PostgreSQL disagreed in the last reconciliation, and {@code surge.inventory.drift.repairs} the counters
 * it corrected; {@code surge.inventory.buyer_counts.repairs} the customers' flash-sale counts it corrected.
 */
@Component
public class InventoryMetrics {

    public static final String STOCK = "stock";
    public static final String FLASH_SALE = "flash_sale";

    private final MeterRegistry registry;
    private final Counter expired;
    private final Counter repairs;
    private final Counter buyerCountRepairs;
    private final AtomicLong drift = new AtomicLong();

    InventoryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.expired = Counter.builder("surge.inventory.reservations.expired")
                .description("Reservations that expired and returned their units").register(registry);
        this.repairs = Counter.builder("surge.inventory.drift.repairs")
                .description("Redis counters corrected by reconciliation").register(registry);
        this.buyerCountRepairs = Counter.builder("surge.inventory.buyer_counts.repairs")
                .description("Customers' flash-sale counts in Redis corrected from PostgreSQL").register(registry);
        registry.gauge("surge.inventory.drift", drift);
    }

    /** One counter per kind and outcome, looked up once: a flash-sale storm counts thousands a second. */
    private final java.util.concurrent.ConcurrentMap<String, Counter> attempts = new java.util.concurrent.ConcurrentHashMap<>();

    public void attempt(String kind, String outcome) {
        attempts.computeIfAbsent(kind + ' ' + outcome, key -> Counter.builder("surge.inventory.reservations")
                .description("Reservation attempts by outcome")
                .tag("kind", kind).tag("outcome", outcome).register(registry)).increment();
    }

    public void expired() {
        expired.increment();
    }

    /** Customers' per-sale counts in Redis corrected from PostgreSQL ({@link SaleBuyerCounts}). */
    public void buyerCountsRepaired(int customers) {
        buyerCountRepairs.increment(customers);
    }

    public void drift(long units, int repaired) {
        drift.set(units);
        repairs.increment(repaired);
    }
}
