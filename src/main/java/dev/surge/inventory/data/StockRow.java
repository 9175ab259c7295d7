package dev.surge.inventory.data;

import java.util.UUID;

/** A variant's stock in PostgreSQL. */
public record StockRow(UUID variantId, int onHand, int reserved, int lowStockThreshold, long version) {

    public int available() {
        return onHand - reserved;
    }
}
