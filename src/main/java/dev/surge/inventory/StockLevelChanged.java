package dev.surge.inventory;

import java.util.UUID;

/**
 * A variant's on-hand or reserved units changed in PostgreSQL. Carries the levels after the change and
 * the row version, so a consumer can ignore an older event that arrives late.
 */
public record StockLevelChanged(UUID variantId, int onHand, int reserved, long version) implements VariantStockEvent {

    public int available() {
        return onHand - reserved;
    }
}
