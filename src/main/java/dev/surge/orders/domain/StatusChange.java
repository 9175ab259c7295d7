package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import java.time.Instant;
import java.util.UUID;

/** One entry of an order's history; {@code from} is null for the checkout that created it. */
public record StatusChange(OrderStatus from, OrderStatus to, UUID actorId, String actorRole, String reason, Instant at) {
}
