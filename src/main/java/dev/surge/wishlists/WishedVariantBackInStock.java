package dev.surge.wishlists;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/** A variant on the customer's wishlist, with alerts on, can be bought again: tell them once. */
public record WishedVariantBackInStock(UUID userId, UUID variantId) implements DomainEvent {

    @Override
    public String topic() {
        return WishlistEvents.TOPIC;
    }

    @Override
    public String key() {
        return userId.toString();
    }
}
