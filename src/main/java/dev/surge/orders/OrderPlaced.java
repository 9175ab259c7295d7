package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A checkout wrote an order, pending payment until {@code expiresAt}. {@code customerId} is null for a
 * guest; {@code email} is where confirmations go (the account's address for customers who gave none).
 * {@code placedAt} is the order's creation time (null in events written before it was added).
 */
public record OrderPlaced(UUID orderId, String number, UUID customerId, String email, Money total,
        List<Line> lines, Instant expiresAt, Instant placedAt) implements OrderEvent {

    public record Line(UUID variantId, UUID merchantId, int quantity, Money unitPrice) {
    }
}
