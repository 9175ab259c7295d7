package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.UnprocessableException;

/** What can go wrong with checkout and orders; mapped to problem+json in one place (the platform's handler). */
public final class OrderErrors {

    private OrderErrors() {
    }

    /** No such order, or not one the caller may see (never tell which). */
    public static final class OrderNotFound extends NotFoundException {
        public OrderNotFound() {
            super("order_not_found", "No such order");
        }
    }

    /** The move is not allowed from the order's current status. */
    public static final class IllegalTransition extends ConflictException {
        public IllegalTransition(OrderStatus from, OrderStatus to) {
            super("illegal_transition", "An order cannot go from " + from + " to " + to);
        }
    }

    /** Someone else changed the order between our read and our write; reading it again shows the new state. */
    public static final class OrderChanged extends ConflictException {
        public OrderChanged() {
            super("order_changed", "The order changed meanwhile; read it again");
        }
    }

    /** A flash-sale hold the buyer has is already being used by another checkout. */
    public static final class SaleHoldInUse extends ConflictException {
        public SaleHoldInUse() {
            super("sale_hold_in_use", "A flash-sale hold of yours is already part of another order");
        }
    }

    /** A line cannot be bought now (product archived, merchant suspended). */
    public static final class NotPurchasable extends ConflictException {
        public NotPurchasable(String sku) {
            super("not_purchasable", "Variant " + sku + " is not for sale");
        }
    }

    /** The request is well-formed but cannot become an order (empty cart, mixed currencies, no shipping). */
    public static final class Unprocessable extends UnprocessableException {
        public Unprocessable(String code, String message) {
            super(code, message);
        }
    }
}
