package dev.surge.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Units held for an owner until {@code expiresAt}. {@code flashSaleId} is set when the units came from a
 * flash-sale campaign, whose price then applies to them.
 */
public record Reservation(UUID id, String owner, Status status, UUID flashSaleId, List<Line> lines,
        Instant expiresAt, Instant createdAt) {

    public enum Status {
        ACTIVE, CONFIRMED, RELEASED, EXPIRED
    }

    public record Line(UUID variantId, int quantity) {
    }
}
