package dev.surge.inventory;

import java.util.UUID;

/** A variant's available units fell below its threshold with this change (published once per crossing). */
public record LowStock(UUID variantId, int available, int threshold) implements VariantStockEvent {
}
