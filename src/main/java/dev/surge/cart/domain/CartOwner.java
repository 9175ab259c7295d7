package dev.surge.cart.domain;

import java.util.UUID;

/** Whose cart a request is about: a guest holding a token (null: none yet), or a signed-in user. */
public sealed interface CartOwner {

    record Guest(String token) implements CartOwner {
    }

    record User(UUID userId) implements CartOwner {
    }
}
