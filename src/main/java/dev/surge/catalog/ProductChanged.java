package dev.surge.catalog;

import dev.surge.platform.events.DomainEvent;
import java.util.List;
import java.util.UUID;

/**
 * A product's public face changed: title, price, variants, stock flag, images, status or slug. Carries
 * every slug the product was reachable by, old and new, so caches keyed by slug can be dropped too.
 */
public record ProductChanged(UUID productId, List<String> slugs) implements DomainEvent {

    public static final String TOPIC = "surge.catalog";

    public ProductChanged {
        slugs = slugs == null ? List.of() : List.copyOf(slugs);
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public String key() {
        return productId.toString();
    }
}
