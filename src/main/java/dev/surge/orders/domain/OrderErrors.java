package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.UnprocessableException;
import java.util.List;
import java.util.UUID;

/** What can go wrong with checkout and orders; mapped to problem+json in one place (the platform's handler). */
public final class OrderErrors {

    static final String ORDER_NOT_FOUND = "order_not_found";
    static final String MERCHANT_NOT_FOUND = "merchant_not_found";
    static final String ILLEGAL_TRANSITION = "illegal_transition";
    static final String ORDER_CHANGED = "order_changed";
    static final String SALE_HOLD_IN_USE = "sale_hold_in_use";
    static final String NOT_PURCHASABLE = "not_purchasable";
    static final String VALIDATION_FAILED = "validation_failed";
    static final String IDEMPOTENCY_KEY_MISSING = "idempotency_key_missing";
    static final String INVALID_CURSOR = "invalid_cursor";
    static final String NOTHING_TO_ORDER = "nothing_to_order";
    static final String UNKNOWN_VARIANT = "unknown_variant";
    static final String MIXED_CURRENCIES = "mixed_currencies";
    static final String SHIPPING_UNAVAILABLE = "shipping_unavailable";
    static final String REFUND_NOT_POSSIBLE = "refund_not_possible";
    static final String OVER_REFUND = "over_refund";
    static final String USE_PAYMENTS = "use_payments";

    private OrderErrors() {
    }

    // ---- 404

    /** No such order, or not one the caller may see (never tell which). */
    public static final class OrderNotFound extends NotFoundException {
        public OrderNotFound() {
            super(ORDER_NOT_FOUND, "No such order");
        }
    }

    /** A merchant the caller does not belong to looks like one that does not exist. */
    public static final class MerchantNotFound extends NotFoundException {
        public MerchantNotFound() {
            super(MERCHANT_NOT_FOUND, "No such merchant");
        }
    }

    // ---- 409

    /** The move is not allowed from the order's current status. */
    public static final class IllegalTransition extends ConflictException {
        public IllegalTransition(OrderStatus from, OrderStatus to) {
            super(ILLEGAL_TRANSITION, "An order cannot go from " + from + " to " + to);
        }
    }

    /** Someone else changed the order between our read and our write; reading it again shows the new state. */
    public static final class OrderChanged extends ConflictException {
        public OrderChanged() {
            super(ORDER_CHANGED, "The order changed meanwhile; read it again");
        }
    }

    /** A flash-sale hold the buyer has is already being used by another checkout. */
    public static final class SaleHoldInUse extends ConflictException {
        public SaleHoldInUse() {
            super(SALE_HOLD_IN_USE, "A flash-sale hold of yours is already part of another order");
        }
    }

    /** A line cannot be bought now (product archived, merchant suspended). */
    public static final class NotPurchasable extends ConflictException {
        public NotPurchasable(String sku) {
            super(NOT_PURCHASABLE, "Variant " + sku + " is not for sale");
        }
    }

    // ---- 400

    /** A status that is not one of {@link OrderStatus}. */
    public static final class UnknownStatus extends InvalidInputException {
        public UnknownStatus() {
            super(VALIDATION_FAILED, "Unknown status",
                    List.of(new FieldViolation("status", "invalid", "One of " + List.of(OrderStatus.values()))));
        }
    }

    /** A free text (a reason) longer than allowed. */
    public static final class TextTooLong extends InvalidInputException {
        public TextTooLong(String field, int max) {
            super(VALIDATION_FAILED, "Too long",
                    List.of(new FieldViolation(field, "too_long", "At most " + max + " characters")));
        }
    }

    /** Checkout without an {@code Idempotency-Key} header. */
    public static final class IdempotencyKeyMissing extends InvalidInputException {
        public IdempotencyKeyMissing() {
            super(IDEMPOTENCY_KEY_MISSING, "Checkout needs an Idempotency-Key header", List.of());
        }
    }

    /** A cursor that was not issued for this list. */
    public static final class InvalidCursor extends InvalidInputException {
        public InvalidCursor() {
            super(INVALID_CURSOR, "The cursor is not valid for this list", List.of());
        }
    }

    // ---- 422

    /** The request is well-formed but cannot become what it asks for (an order, a refund, a status). */
    public abstract static class Unprocessable extends UnprocessableException {
        Unprocessable(String code, String message) {
            super(code, message);
        }
    }

    /** An empty cart, or nothing left to price. */
    public static final class NothingToOrder extends Unprocessable {
        public NothingToOrder(boolean fromCart) {
            super(NOTHING_TO_ORDER, fromCart ? "The cart is empty" : "There is nothing to order");
        }
    }

    public static final class UnknownVariant extends Unprocessable {
        public UnknownVariant(UUID variantId) {
            super(UNKNOWN_VARIANT, "No variant " + variantId + " exists");
        }
    }

    public static final class MixedCurrencies extends Unprocessable {
        public MixedCurrencies(String sku, String itemCurrency, String orderCurrency) {
            super(MIXED_CURRENCIES, "An order is paid in one currency; " + sku + " is priced in " + itemCurrency
                    + ", not " + orderCurrency);
        }
    }

    public static final class ShippingUnavailable extends Unprocessable {
        public ShippingUnavailable(String currency, String country) {
            super(SHIPPING_UNAVAILABLE, "We do not ship orders in " + currency + " to " + country);
        }
    }

    /** A refund that cannot apply to the order: not positive, of no payment, or in another currency. */
    public static final class RefundNotPossible extends Unprocessable {
        public static final String NOT_POSITIVE = "A refund is a positive amount";
        public static final String UNPAID = "Only a paid order can be refunded, unless the refund names the payment "
                + "it returns";
        public static final String OTHER_CURRENCY = "Refunds are in the order's currency";

        public RefundNotPossible(String why) {
            super(REFUND_NOT_POSSIBLE, why);
        }
    }

    public static final class OverRefund extends Unprocessable {
        public OverRefund() {
            super(OVER_REFUND, "Refunds cannot exceed what was paid");
        }
    }

    /** An administrator asked for a refund status: refunds follow money returned. */
    public static final class UsePayments extends Unprocessable {
        public UsePayments() {
            super(USE_PAYMENTS, "Refunds follow money returned through payments");
        }
    }
}
