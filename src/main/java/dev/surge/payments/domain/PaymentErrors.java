package dev.surge.payments.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.UnprocessableException;

/** Typed errors of payments; {@code ProblemExceptionHandler} maps their kinds to statuses. */
public final class PaymentErrors {

    private PaymentErrors() {
    }

    /** No such payment, or not one the caller may see (the same answer, so ids cannot be probed). */
    public static final class PaymentNotFound extends NotFoundException {
        public PaymentNotFound() {
            super("payment_not_found", "No such payment");
        }
    }

    /** No such order, or not the caller's. */
    public static final class OrderNotFound extends NotFoundException {
        public OrderNotFound() {
            super("order_not_found", "No such order");
        }
    }

    /** Only an order pending payment takes a payment. */
    public static final class OrderNotPayable extends ConflictException {
        public OrderNotPayable(String status) {
            super("order_not_payable", "The order is " + status + ", not pending payment");
        }
    }

    /** Only a succeeded payment can be refunded. */
    public static final class NotRefundable extends ConflictException {
        public NotRefundable(String status) {
            super("payment_not_refundable", "The payment is " + status + "; only a succeeded payment can be refunded");
        }
    }

    /** The refund would give back more than was paid (counting refunds still pending). 422. */
    public static final class OverRefund extends UnprocessableException {
        public OverRefund(long remaining, String currency) {
            super("over_refund", "At most " + remaining + " (minor units of " + currency + ") is left to refund");
        }
    }
}
