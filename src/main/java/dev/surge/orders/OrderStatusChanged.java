package dev.surge.orders;

import java.time.Instant;
import java.util.UUID;

/**
 * An order moved from one status to another. {@code version} grows with every change, so a consumer can
 * ignore an older event that arrives late. {@code actorRole} is {@code SYSTEM} for expiry and payments.
 */
public record OrderStatusChanged(UUID orderId, String number, OrderStatus from, OrderStatus to, UUID actorId,
        String actorRole, String reason, long version, Instant at) implements OrderEvent {
}
