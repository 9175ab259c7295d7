package dev.surge.inventory.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.TooManyRequestsException;
import java.time.Duration;
import java.util.List;

/** What a purchase attempt or a campaign change can run into. */
public final class FlashSaleErrors {

    private FlashSaleErrors() {
    }

    public static final class SoldOut extends ConflictException {
        public SoldOut() {
            super("sold_out", "Every unit of this sale has been claimed");
        }
    }

    public static final class SaleNotActive extends ConflictException {
        public SaleNotActive(String why) {
            super("sale_not_active", why);
        }
    }

    public static final class LimitReached extends TooManyRequestsException {
        public LimitReached(int limit, Duration retryAfter) {
            super("purchase_limit_exceeded", "This sale allows " + limit + " unit(s) per customer", retryAfter);
        }
    }

    public static final class FlashSaleNotFound extends NotFoundException {
        public FlashSaleNotFound() {
            super("flash_sale_not_found", "There is no such flash sale");
        }
    }

    public static final class InsufficientStock extends ConflictException {
        public InsufficientStock(String message) {
            super("insufficient_stock", message);
        }
    }

    /** A campaign definition or an attempt that breaks a rule of the sale; {@code field} says where. */
    public static final class InvalidSaleInput extends InvalidInputException {
        public InvalidSaleInput(String field, String message) {
            super("validation_failed", message, List.of(new FieldViolation(field, "invalid", message)));
        }
    }
}
