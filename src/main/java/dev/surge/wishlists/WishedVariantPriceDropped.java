package dev.surge.wishlists;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/**
 * The price of a variant on the customer's wishlist, with alerts on, fell below what they last saw (minor units
 * of {@code currency}): tell them once.
 */
public record WishedVariantPriceDropped(UUID userId, UUID variantId, long wasMinor, long nowMinor, String currency)
        implements DomainEvent {

    @Override
    public String topic() {
        return WishlistEvents.TOPIC;
    }

    @Override
    public String key() {
        return userId.toString();
    }
}
