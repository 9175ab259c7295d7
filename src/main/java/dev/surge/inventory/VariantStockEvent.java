package dev.surge.inventory;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/** An inventory event about one variant: on the inventory topic, keyed by the variant. */
public interface VariantStockEvent extends DomainEvent {

    UUID variantId();

    @Override
    default String topic() {
        return InventoryEvents.TOPIC;
    }

    @Override
    default String key() {
        return variantId().toString();
    }
}
