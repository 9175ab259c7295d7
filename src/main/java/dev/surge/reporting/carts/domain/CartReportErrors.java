package dev.surge.reporting.carts.domain;

import dev.surge.platform.errors.InvalidInputException;

/** What asking for a carts report can run into (bad parameters are the platform's {@code validation_failed}). */
public final class CartReportErrors {

    private CartReportErrors() {
    }

    /** A cursor whose keys do not parse (a signed cursor always does; this guards a change of format). */
    public static final class InvalidCursor extends InvalidInputException {
        InvalidCursor() {
            super("invalid_cursor", "The cursor is not one this server issued");
        }
    }
}
