package dev.surge.promotions;

import java.util.UUID;

/**
 * A promotion that applies: its code (null for an automatic one), and what it takes off the lines
 * ({@code discountMinor}) and whether it makes shipping free.
 */
public record AppliedPromotion(UUID promotionId, String code, String name, String kind, long discountMinor,
        boolean freeShipping) {
}
