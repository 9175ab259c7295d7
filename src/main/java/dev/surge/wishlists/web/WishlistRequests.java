package dev.surge.wishlists.web;

/** Request bodies of the wishlist endpoints. */
final class WishlistRequests {

    private WishlistRequests() {
    }

    /** {@code alerts}: email when the variant is back in stock or its price drops (default false). */
    record PutItemRequest(Boolean alerts) {
    }
}
