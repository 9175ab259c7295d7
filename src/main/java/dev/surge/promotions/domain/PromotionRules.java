package dev.surge.promotions.domain;

import dev.surge.promotions.AppliedPromotion;
import dev.surge.promotions.Basket;
import dev.surge.promotions.BasketLine;
import dev.surge.promotions.CouponStatus;
import dev.surge.promotions.Discounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Prices promotions on a basket, without I/O. A promotion applies to its eligible lines: those in its scope (any line,
 * the listed products, the listed categories, or one merchant's), of its owning merchant if a seller's, and not
 * flash-sale units. Percentages are taken per line, rounded down; a fixed amount is spread over the eligible lines in
 * proportion to their amounts (rounded down, the rest to the first lines), never more than they cost.
 * <p>
 * When several apply: <b>the one worth most to the buyer among those that do not combine</b> (ties: the entered
 * code, then the older promotion), <b>plus every one that combines</b>. Each is priced on the lines' full amounts;
 * they are taken in that order and a line's discounts never exceed its amount (a later one gets what is left).
 */
public final class PromotionRules {

    private PromotionRules() {
    }

    /** Why a promotion does not apply to the basket now; null when it does. {@code uses}: the customer's, or -1 if unknown. */
    public static String refusal(Promotion p, Basket basket, Instant now, int uses) {
        if (!p.active() || (p.endsAt() != null && !now.isBefore(p.endsAt()))) {
            return "expired";
        }
        if (now.isBefore(p.startsAt())) {
            return "not_started";
        }
        if (p.redemptionCap() != null && p.redeemed() >= p.redemptionCap()) {
            return "used_up";
        }
        if (p.perCustomerLimit() != null && uses >= p.perCustomerLimit()) {
            return "customer_limit";
        }
        long eligible = 0;
        boolean any = false;
        for (BasketLine line : basket.lines()) {
            if (eligible(p, line)) {
                any = true;
                eligible += line.amountMinor();
            }
        }
        if (!any || (p.kind() == Promotion.Kind.FIXED_AMOUNT && !p.amountsOff().containsKey(basket.currency()))) {
            return "not_applicable";
        }
        if (!p.minimumSubtotal().isEmpty()) {
            Long minimum = p.minimumSubtotal().get(basket.currency());
            if (minimum == null) {
                return "not_applicable";
            }
            if (eligible < minimum) {
                return "minimum_not_met";
            }
        }
        return null;
    }

    static boolean eligible(Promotion p, BasketLine line) {
        if (!line.discountable() || line.amountMinor() <= 0
                || (p.merchantId() != null && !p.merchantId().equals(line.merchantId()))) {
            return false;
        }
        return switch (p.scope()) {
            case CART -> true;
            case PRODUCTS -> p.scopeIds().contains(line.productId());
            case CATEGORIES -> line.categoryId() != null && p.scopeIds().contains(line.categoryId());
            case MERCHANT -> p.scopeIds().contains(line.merchantId());
        };
    }

    /** What one promotion would take off each line, on full amounts. */
    static long[] lineDiscounts(Promotion p, Basket basket) {
        List<BasketLine> lines = basket.lines();
        long[] off = new long[lines.size()];
        if (p.kind() == Promotion.Kind.PERCENTAGE) {
            for (int i = 0; i < off.length; i++) {
                if (eligible(p, lines.get(i))) {
                    off[i] = Math.multiplyExact(lines.get(i).amountMinor(), (long) p.percentOff()) / 100;
                }
            }
        } else if (p.kind() == Promotion.Kind.FIXED_AMOUNT) {
            long eligibleTotal = 0;
            for (BasketLine line : lines) {
                eligibleTotal += eligible(p, line) ? line.amountMinor() : 0;
            }
            long amount = Math.min(p.amountsOff().getOrDefault(basket.currency(), 0L), eligibleTotal);
            long given = 0;
            for (int i = 0; i < off.length; i++) {
                if (eligible(p, lines.get(i))) {
                    off[i] = java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(lines.get(i).amountMinor()))
                            .divide(java.math.BigInteger.valueOf(eligibleTotal)).longValueExact();
                    given += off[i];
                }
            }
            for (int i = 0; i < off.length && given < amount; i++) {
                if (eligible(p, lines.get(i))) {
                    long more = Math.min(amount - given, lines.get(i).amountMinor() - off[i]);
                    off[i] += more;
                    given += more;
                }
            }
        }
        return off;
    }

    private record Candidate(Promotion promotion, long[] off, long value, boolean entered) {
    }

    /**
     * The discounts of {@code live} promotions (automatic ones, and the entered code's if any) on the basket.
     * {@code coupon}: the promotion of the entered code, null if none is known; {@code code}: what was entered (null:
     * none). {@code usesOf}: the customer's uses of a promotion, -1 when unknown (not checked).
     */
    public static Discounts apply(Basket basket, List<Promotion> automatic, Promotion coupon, String code, Instant now,
            Map<java.util.UUID, Integer> uses) {
        List<Candidate> candidates = new ArrayList<>();
        CouponStatus status = null;
        for (Promotion p : automatic) {
            if (refusal(p, basket, now, uses.getOrDefault(p.id(), -1)) == null) {
                candidates.add(candidate(p, basket, false));
            }
        }
        if (code != null) {
            if (coupon == null) {
                status = CouponStatus.refused(code, "unknown", "No such code");
            } else {
                String reason = refusal(coupon, basket, now, uses.getOrDefault(coupon.id(), -1));
                if (reason != null) {
                    status = CouponStatus.refused(code, reason, message(reason));
                } else {
                    candidates.add(candidate(coupon, basket, true));
                }
            }
        }
        Candidate best = candidates.stream().filter(c -> !c.promotion().combinable())
                .max(Comparator.comparingLong(Candidate::value).thenComparing(Candidate::entered)
                        .thenComparing(c -> c.promotion().id(), Comparator.reverseOrder()))
                .orElse(null);
        List<Candidate> chosen = new ArrayList<>();
        if (best != null) {
            chosen.add(best);
        }
        candidates.stream().filter(c -> c.promotion().combinable()).forEach(chosen::add);
        long[] total = new long[basket.lines().size()];
        List<AppliedPromotion> applied = new ArrayList<>();
        boolean freeShipping = false;
        long linesOff = 0;
        for (Candidate c : chosen) {
            long taken = 0;
            for (int i = 0; i < total.length; i++) {
                long room = basket.lines().get(i).amountMinor() - total[i];
                long off = Math.min(c.off()[i], room);
                total[i] += off;
                taken += off;
            }
            linesOff += taken;
            boolean ships = c.promotion().kind() == Promotion.Kind.FREE_SHIPPING;
            freeShipping |= ships;
            applied.add(new AppliedPromotion(c.promotion().id(), c.promotion().code(), c.promotion().name(),
                    c.promotion().kind().name(), taken, ships));
        }
        if (code != null && status == null) {
            boolean used = chosen.stream().anyMatch(Candidate::entered);
            status = used ? CouponStatus.applied(code)
                    : CouponStatus.refused(code, "superseded", "A better promotion that does not combine with it applies");
        }
        List<Long> lineDiscounts = new ArrayList<>(total.length);
        for (long off : total) {
            lineDiscounts.add(off);
        }
        return new Discounts(applied, lineDiscounts, linesOff, freeShipping, status);
    }

    private static Candidate candidate(Promotion p, Basket basket, boolean entered) {
        long[] off = lineDiscounts(p, basket);
        long value = p.kind() == Promotion.Kind.FREE_SHIPPING ? basket.shippingMinor() : 0;
        for (long o : off) {
            value += o;
        }
        return new Candidate(p, off, value, entered);
    }

    /** The buyer-facing sentence of a refusal reason. */
    public static String message(String reason) {
        return switch (reason) {
            case "unknown" -> "No such code";
            case "not_started" -> "This code is not valid yet";
            case "expired" -> "This code has expired";
            case "used_up" -> "This code has been used up";
            case "customer_limit" -> "You have already used this code as often as it allows";
            case "minimum_not_met" -> "The items it applies to do not reach the minimum amount";
            default -> "This code does not apply to these items";
        };
    }
}
