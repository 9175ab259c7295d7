package dev.surge.wishlists;

/** Where wishlists publish their events: the alerts a customer asked for, keyed by the customer. */
public final class WishlistEvents {

    public static final String TOPIC = "surge.wishlists";

    private WishlistEvents() {
    }
}
