package dev.surge.promotions.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A promotion as stored. {@code merchantId}: the seller's merchant that owns it (its discount only ever touches that
 * merchant's lines), null for the platform's. {@code code}: upper case, null for an automatic promotion.
 * {@code amountsOff} and {@code minimumSubtotal}: minor units per ISO currency.
 */
public record Promotion(UUID id, UUID merchantId, String name, String code, Kind kind, Integer percentOff,
        Map<String, Long> amountsOff, Scope scope, Set<UUID> scopeIds, Map<String, Long> minimumSubtotal,
        Instant startsAt, Instant endsAt, Integer perCustomerLimit, Integer redemptionCap, int redeemed,
        boolean combinable, boolean active, long version, Instant createdAt, Instant updatedAt) {

    public Promotion {
        amountsOff = Map.copyOf(amountsOff);
        scopeIds = Set.copyOf(scopeIds);
        minimumSubtotal = Map.copyOf(minimumSubtotal);
    }

    public enum Kind { PERCENTAGE, FIXED_AMOUNT, FREE_SHIPPING }

    public enum Scope { CART, PRODUCTS, CATEGORIES, MERCHANT }

    public boolean automatic() {
        return code == null;
    }

    /** Live now: active and inside its window (redemptions left are not considered). */
    public boolean liveAt(Instant now) {
        return active && !now.isBefore(startsAt) && (endsAt == null || now.isBefore(endsAt));
    }
}
