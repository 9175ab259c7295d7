package dev.surge.inventory.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inventory settings.
 *
 * @param reservationHold      how long a reservation holds its units unless confirmed
 * @param expiryInterval       how often each instance looks for reservations past their expiry
 * @param expiryBatch          reservations expired per round and instance
 * @param reconcileInterval    how often the leader compares the Redis counters with PostgreSQL
 * @param reconcileSettle      how long a difference must persist before it counts as drift, so that
 *                             grants in flight between Redis and PostgreSQL are not "repaired"
 * @param lowStockThreshold    default threshold of new stock rows for {@code LowStock} events
 * @param maxLineQuantity      most units of one variant in one reservation
 * @param availabilityCacheTtl how long an instance may show a variant's available units as it last read
 *                             them (changes made through the instance show at once); 0 reads Redis each time
 * @param availabilityCacheSize variants whose recent figures an instance keeps
 */
@ConfigurationProperties("surge.inventory")
public record InventoryProperties(
        @DefaultValue("15m") Duration reservationHold,
        @DefaultValue("5s") Duration expiryInterval,
        @DefaultValue("200") int expiryBatch,
        @DefaultValue("1m") Duration reconcileInterval,
        @DefaultValue("2s") Duration reconcileSettle,
        @DefaultValue("5") int lowStockThreshold,
        @DefaultValue("100") int maxLineQuantity,
        @DefaultValue("1s") Duration availabilityCacheTtl,
        @DefaultValue("10000") int availabilityCacheSize) {
}
