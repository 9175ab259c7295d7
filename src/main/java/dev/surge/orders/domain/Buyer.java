package dev.surge.orders.domain;

import java.util.UUID;

/** Who checks out: a signed-in customer, or a guest (with the token of their cart, if they have one). */
public sealed interface Buyer {

    /** {@code email}: the account's address as their access token carries it; null when it does not. */
    record Customer(UUID userId, String email) implements Buyer {

        public Customer(UUID userId) {
            this(userId, null);
        }
    }

    record Guest(String cartToken) implements Buyer {
    }
}
