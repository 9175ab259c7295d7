package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * Money went back to the buyer for the order's own payment, once per refund reference: {@code amount} this time,
 * {@code refundedTotal} so far, {@code full} when that is all that was paid. Published whether or not the order's
 * status moved (a cancelled order keeps its status while its payment is refunded).
 */
public record OrderRefunded(UUID orderId, String number, Money amount, Money refundedTotal, boolean full,
        String refundReference, Instant at) implements OrderEvent {
}
