package dev.surge.orders.domain;

import java.util.UUID;

/** Who checks out: a signed-in customer, or a guest (with the token of their cart, if they have one). */
public sealed interface Buyer {

    record Customer(UUID userId) implements Buyer {
    }

    record Guest(String cartToken) implements Buyer {
    }
}
