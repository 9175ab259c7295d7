package dev.surge.inventory.domain;

import dev.surge.inventory.data.StockRow;
import java.util.UUID;

/**
 * A variant's stock: PostgreSQL's figures and, when loaded, the Redis counter ({@code gate}), which
 * equals {@code available} except for grants in flight or drift that reconciliation will repair.
 */
public record StockLevel(UUID variantId, int onHand, int reserved, int available, int lowStockThreshold,
        boolean lowStock, long version, Integer gate) {

    static StockLevel of(StockRow row, Integer gate) {
        return new StockLevel(row.variantId(), row.onHand(), row.reserved(), row.available(), row.lowStockThreshold(),
                row.available() < row.lowStockThreshold(), row.version(), gate);
    }
}
