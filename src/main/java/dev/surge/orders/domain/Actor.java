package dev.surge.orders.domain;

import java.util.UUID;

/** Who changes an order, for its history: a signed-in account with its role, a guest, or the system. */
public record Actor(UUID id, String role) {

    public static final Actor SYSTEM = new Actor(null, "SYSTEM");
    public static final Actor GUEST = new Actor(null, "GUEST");
}
