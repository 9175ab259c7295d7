package dev.surge.reporting.operations.domain;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * One flash sale's outcome. From PostgreSQL: units offered, claims and their units, holds expired or
 * released, orders paid from holds, units sold, revenue (units sold at the sale price). From the attempt
 * script's counts in Redis: attempts, sold-out answers, and when the last unit was first claimed
 * ({@code secondsToSellOut} from the start; null if it never sold out).
 */
public record FlashSaleFigures(UUID id, String name, UUID variantId, UUID merchantId, String state, Money price,
        Instant startsAt, Instant endsAt, Instant closedAt, int unitsOffered, long attempts, long soldOutAnswers,
        long claims, long unitsClaimed, long holdsActive, long holdsExpired, long unitsExpired, long holdsReleased,
        long ordersPaidFromHolds, long unitsSold, Money revenue, Instant soldOutAt, Long secondsToSellOut) {

    /** What PostgreSQL knows of the sale; the attempt counts come from Redis. */
    public record Stored(UUID id, String name, UUID variantId, UUID merchantId, Money price, Instant startsAt,
            Instant endsAt, Instant closedAt, int unitsOffered, Holds holds, long unitsSold) {
    }

    /** The sale's holds (reservations) by what became of them. */
    public record Holds(long claims, long unitsClaimed, long active, long expired, long unitsExpired, long released,
            long ordersPaid) {
    }
}
