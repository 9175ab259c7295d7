package dev.surge.inventory;

import dev.surge.platform.errors.NotFoundException;

/** No such reservation, or not one the caller may see. */
public class ReservationNotFound extends NotFoundException {

    public ReservationNotFound() {
        super("reservation_not_found", "There is no such reservation");
    }
}
