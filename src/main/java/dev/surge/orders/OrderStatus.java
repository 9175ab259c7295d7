package dev.surge.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life, and the only place that says which move is allowed:
 * pending payment → paid → fulfilling → shipped → delivered; pending payment → cancelled or expired;
 * paid → cancelled (before fulfilment; the payment is then due back); paid and later → refunded or
 * partially refunded, and partially refunded → refunded. A refund ends the fulfilment line: an order is
 * never moved back into it (a store that refunds part and ships the rest records the refund after shipping),
 * except by {@link #canRevertRefundTo}: a refund its provider failed after it succeeded did not happen.
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
            case PARTIALLY_REFUNDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case CANCELLED, EXPIRED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canTransitionTo(OrderStatus target) {
        return next().contains(target);
    }

    /**
     * Where a refunded order may go back to when a refund of it is failed by its provider after it succeeded:
     * partially refunded while other refunds stand, else the status it had before it was refunded.
     */
    public boolean canRevertRefundTo(OrderStatus target) {
        return (this == REFUNDED || this == PARTIALLY_REFUNDED)
                && EnumSet.of(PAID, FULFILLING, SHIPPED, DELIVERED, PARTIALLY_REFUNDED).contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
