package dev.surge.inventory.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An admin's definition of a campaign; {@code hold} null means the configured reservation hold. */
public record NewFlashSale(String name, UUID variantId, long priceMinor, int quantity, int perCustomerLimit,
        Instant startsAt, Instant endsAt, Duration hold) {
}
