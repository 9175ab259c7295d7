package dev.surge.promotions;

import java.util.List;

/**
 * What promotions take off a {@link Basket}: per line (same positions as the basket's lines; never more than a
 * line's amount), in total, whether shipping is free, which promotions apply, and what became of the entered code
 * (null when none was entered).
 */
public record Discounts(List<AppliedPromotion> applied, List<Long> lineDiscounts, long linesDiscountMinor,
        boolean freeShipping, CouponStatus coupon) {

    public Discounts {
        applied = List.copyOf(applied);
        lineDiscounts = List.copyOf(lineDiscounts);
    }

    /** Nothing applies and no code was entered. */
    public static Discounts none(int lines) {
        return new Discounts(List.of(), java.util.Collections.nCopies(lines, 0L), 0, false, null);
    }

    public boolean any() {
        return !applied.isEmpty();
    }
}
