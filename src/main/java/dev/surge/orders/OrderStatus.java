package dev.surge.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life, and the only place that says which move is allowed:
 * pending payment → paid → fulfilling → shipped → delivered; pending payment → cancelled or expired;
 * paid → cancelled (before fulfilment; the payment is then due back); paid and later → refunded or
 * partially refunded.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, FULFILLING, SHIPPED, DELIVERED, CANCELLED, EXPIRED, REFUNDED, PARTIALLY_REFUNDED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING_PAYMENT -> EnumSet.of(PAID, CANCELLED, EXPIRED);
            case PAID -> EnumSet.of(FULFILLING, CANCELLED, REFUNDED, PARTIALLY_REFUNDED);
            case FULFILLING -> EnumSet.of(SHIPPED, REFUNDED, PARTIALLY_REFUNDED);
            case SHIPPED -> EnumSet.of(DELIVERED, REFUNDED, PARTIALLY_REFUNDED);
            case DELIVERED -> EnumSet.of(REFUNDED, PARTIALLY_REFUNDED);
            case PARTIALLY_REFUNDED -> EnumSet.of(FULFILLING, SHIPPED, DELIVERED, PARTIALLY_REFUNDED, REFUNDED);
            case CANCELLED, EXPIRED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canTransitionTo(OrderStatus target) {
        return next().contains(target);
    }

    /** The customer may still cancel: nothing has been picked or shipped yet. */
    public boolean cancellableByCustomer() {
        return this == PENDING_PAYMENT || this == PAID;
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
