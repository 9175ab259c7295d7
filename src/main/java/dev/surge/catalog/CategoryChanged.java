package dev.surge.catalog;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/**
 * A category was created, renamed, moved or deleted. The tree, every list (items carry their category)
 * and the pages of the category's own products are stale; ancestors' product lists change with a move.
 * Published on the catalog topic, keyed by the category id.
 */
public record CategoryChanged(UUID categoryId) implements DomainEvent {

    @Override
    public String topic() {
        return ProductChanged.TOPIC;
    }

    @Override
    public String key() {
        return categoryId.toString();
    }
}
