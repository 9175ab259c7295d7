package dev.surge.cart.domain;

import dev.surge.cart.Cart;

/**
 * A priced cart and, for a guest cart that exists, its token (to hand back to the client, possibly a new
 * one); null for a user's cart, and for a guest without a live cart. {@code guestCartKept}: a signed-in
 * caller's guest cart could not be merged (another currency) and stays, so the client keeps its token.
 */
public record CartView(Cart cart, String guestToken, boolean guestCartKept) {

    public CartView(Cart cart, String guestToken) {
        this(cart, guestToken, false);
    }

    CartView withGuestCartKept() {
        return new CartView(cart, guestToken, true);
    }
}
