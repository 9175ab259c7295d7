package dev.surge.inventory.data;

import dev.surge.inventory.Reservation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reservation about to be written with its lines; {@code flashSaleId} null for normal stock. */
public record NewReservation(UUID id, String owner, UUID flashSaleId, Instant expiresAt, Instant createdAt,
        List<Reservation.Line> lines) {
}
