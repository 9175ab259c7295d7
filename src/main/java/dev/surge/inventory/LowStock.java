package dev.surge.inventory;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/** A variant's available units fell below its threshold with this change (published once per crossing). */
public record LowStock(UUID variantId, int available, int threshold) implements DomainEvent {

    @Override
    public String topic() {
        return InventoryEvents.TOPIC;
    }

    @Override
    public String key() {
        return variantId.toString();
    }
}
