package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * Money of an order's own payment went back to the buyer: published once per refund reference, in the
 * transaction that records it on the order, which happens only when the provider confirmed the refund.
 * {@code refunded} is what the order counts as refunded with this one. Refunds of other payments (late,
 * second, wrong amount) are not refunds of the order and are not published.
 */
public record OrderRefunded(UUID orderId, String number, String refundReference, Money amount, Money refunded,
        Instant at) implements OrderEvent {
}
