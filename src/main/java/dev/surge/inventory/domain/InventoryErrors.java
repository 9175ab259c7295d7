package dev.surge.inventory.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import java.util.List;

/**
 * What a reservation of normal stock can run into, besides the errors of the module's API
 * ({@code OutOfStock}, {@code ReservationNotActive}, {@code ReservationNotFound}, {@code UnknownVariant}).
 */
public final class InventoryErrors {

    static final String VALIDATION_FAILED = "validation_failed";
    static final String RESERVATION_IN_ORDER = "reservation_in_order";

    private InventoryErrors() {
    }

    /** The lines or the owner of a reservation are not valid; the violations say which and why. */
    public static final class InvalidReservation extends InvalidInputException {
        InvalidReservation(List<FieldViolation> violations) {
            super(VALIDATION_FAILED, "The reservation is not valid", violations);
        }
    }

    public static final class HoldOutOfRange extends InvalidInputException {
        HoldOutOfRange() {
            super(VALIDATION_FAILED, "A hold lasts between 1 second and 24 hours",
                    List.of(new FieldViolation("hold", "out_of_range", "between 1 second and 24 hours")));
        }
    }

    /** The hold backs an order; cancel the order instead. */
    public static final class ReservationInOrder extends ConflictException {
        ReservationInOrder() {
            super(RESERVATION_IN_ORDER, "An order holds these units now; cancel the order to give them back");
        }
    }
}
