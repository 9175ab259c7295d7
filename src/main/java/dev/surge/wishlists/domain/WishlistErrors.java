package dev.surge.wishlists.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.NotFoundException;

/** What a wishlist change can run into. */
public final class WishlistErrors {

    private WishlistErrors() {
    }

    /** No such variant (or a malformed id). */
    public static final class VariantNotFound extends NotFoundException {
        public VariantNotFound() {
            super("variant_not_found", "No such variant");
        }
    }

    /** The variant is not on the caller's wishlist. */
    public static final class ItemNotFound extends NotFoundException {
        public ItemNotFound() {
            super("wishlist_item_not_found", "This variant is not on your wishlist");
        }
    }

    /** The wishlist holds as many variants as it may; remove one first. */
    public static final class WishlistFull extends ConflictException {
        WishlistFull(int max) {
            super("wishlist_full", "A wishlist holds at most " + max + " variants; remove one first");
        }
    }
}
