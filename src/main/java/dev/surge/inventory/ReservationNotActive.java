package dev.surge.inventory;

import dev.surge.platform.errors.ConflictException;

/** The reservation has expired, been released or already been confirmed. */
public class ReservationNotActive extends ConflictException {

    public ReservationNotActive(Reservation.Status status) {
        super("reservation_not_active", "The reservation is " + status.name().toLowerCase());
    }
}
