package dev.surge.cart.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import java.util.List;
import java.util.UUID;

/** What a change to a cart can run into. */
public final class CartErrors {

    private CartErrors() {
    }

    public static final class VariantNotFound extends NotFoundException {
        public VariantNotFound(UUID variantId) {
            super("variant_not_found", "There is no variant " + variantId);
        }
    }

    public static final class CartItemNotFound extends NotFoundException {
        public CartItemNotFound(UUID variantId) {
            super("cart_item_not_found", variantId == null ? "The cart has no such line"
                    : "The cart has no line for variant " + variantId);
        }
    }

    public static final class VariantUnavailable extends ConflictException {
        public VariantUnavailable(UUID variantId) {
            super("variant_unavailable", "Variant " + variantId + " is not for sale");
        }
    }

    public static final class InsufficientStock extends ConflictException {
        public InsufficientStock(UUID variantId, int available) {
            super("insufficient_stock", "Only " + available + " unit(s) of variant " + variantId + " are available");
        }
    }

    public static final class QuantityLimit extends ConflictException {
        public QuantityLimit(int max) {
            super("quantity_limit_exceeded", "A cart holds at most " + max + " units of one variant");
        }
    }

    public static final class CartFull extends ConflictException {
        public CartFull(int max) {
            super("cart_full", "A cart holds at most " + max + " different variants");
        }
    }

    public static final class CurrencyMismatch extends ConflictException {
        public CurrencyMismatch(String cartCurrency) {
            super("currency_mismatch", "This cart is priced in " + cartCurrency
                    + "; variants priced in another currency need their own cart");
        }
    }

    /** A quantity outside {@code min..max} (the upper bound is configurable, so the service checks it). */
    public static final class QuantityOutOfRange extends InvalidInputException {
        public QuantityOutOfRange(int min, int max) {
            super("validation_failed", "The request body is invalid", List.of(
                    new FieldViolation("quantity", "out_of_range", "must be between " + min + " and " + max)));
        }
    }
}
