package dev.surge.reporting.operations.domain;

import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;

/** What an operations report can answer besides its figures. A seller asking for another merchant's hears "not found". */
public final class ReportErrors {

    private ReportErrors() {
    }

    public static final class MerchantNotFound extends NotFoundException {
        MerchantNotFound() {
            super("merchant_not_found", "No such merchant");
        }
    }

    public static final class VariantNotFound extends NotFoundException {
        VariantNotFound() {
            super("variant_not_found", "No such variant");
        }
    }

    public static final class FlashSaleNotFound extends NotFoundException {
        public FlashSaleNotFound() {
            super("flash_sale_not_found", "No such flash sale");
        }
    }

    /** A cursor whose keys do not parse (a signed cursor always does; this guards a change of format). */
    public static final class InvalidCursor extends InvalidInputException {
        InvalidCursor() {
            super("invalid_cursor", "The cursor is not one this server issued");
        }
    }
}
