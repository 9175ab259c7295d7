package dev.surge.cart.domain;

import dev.surge.cart.Cart;

/**
 * A priced cart and, for a guest cart that exists, its token (to hand back to the client, possibly a new
 * one); null for a user's cart, and for a guest without a live cart.
 */
public record CartView(Cart cart, String guestToken) {
}
