package dev.surge.reporting.carts.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The figures of the carts reports. Counts add across currencies; money never does. */
public final class CartFigures {

    private CartFigures() {
    }

    /**
     * One interval of the funnel, every currency together: carts started, carts given their first line (see
     * {@code CartActivity}), checkouts (orders placed) and orders paid; rates against carts with items.
     */
    public record Funnel(LocalDate period, long cartsStarted, long cartsWithItems, long checkouts, long paid) {

        public double checkoutRate() {
            return rate(checkouts, cartsWithItems);
        }

        public double paidRate() {
            return rate(paid, cartsWithItems);
        }
    }

    /**
     * A signed-in customer's cart with items that has not changed since {@code lastActivityAt}, with no order of
     * theirs since: its lines and units, and its value at the prices the customer saw, in minor units of
     * {@code currency}.
     */
    public record AbandonedCart(UUID customerId, String currency, long lines, long units, long valueMinor,
            Instant startedAt, Instant lastActivityAt) {
    }

    /** Abandoned carts of one currency: how many, their units and their value. */
    public record AbandonedTotal(String currency, long carts, long units, long valueMinor) {
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
