package dev.surge.promotions.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.promotions.Basket;
import dev.surge.promotions.BasketLine;
import dev.surge.promotions.Discounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pricing of promotions, without I/O. */
class PromotionRulesTests {

    static final Instant NOW = Instant.parse("2027-01-01T12:00:00Z");
    static final UUID MERCHANT = UUID.randomUUID();
    static final UUID OTHER_MERCHANT = UUID.randomUUID();

    static Promotion promotion(String code, Promotion.Kind kind, Integer percent, Map<String, Long> amounts,
            boolean combinable) {
        return new Promotion(UUID.randomUUID(), null, "p", code, kind, percent, amounts, Promotion.Scope.CART, Set.of(),
                Map.of(), NOW.minusSeconds(60), null, null, null, 0, combinable, true, 0, NOW, NOW);
    }

    static BasketLine line(UUID merchant, long amount) {
        return new BasketLine(UUID.randomUUID(), UUID.randomUUID(), merchant, UUID.randomUUID(), 1, amount, true);
    }

    @Test
    void percentagesRoundDownPerLineAndFixedAmountsSpreadInProportionToTheCent() {
        Basket basket = new Basket("USD", List.of(line(MERCHANT, 999), line(MERCHANT, 1), line(MERCHANT, 2000)), 0);
        Discounts tenPercent = PromotionRules.apply(basket, List.of(), promotion("TEN", Promotion.Kind.PERCENTAGE, 10,
                Map.of(), false), "TEN", NOW, Map.of());
        assertThat(tenPercent.lineDiscounts()).containsExactly(99L, 0L, 200L);
        assertThat(tenPercent.coupon().applied()).isTrue();

        Discounts fixed = PromotionRules.apply(basket, List.of(), promotion("OFF", Promotion.Kind.FIXED_AMOUNT, null,
                Map.of("USD", 1000L), false), "OFF", NOW, Map.of());
        assertThat(fixed.lineDiscounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(fixed.linesDiscountMinor()).isEqualTo(1000);
        // More off than the lines cost: never below zero.
        Discounts huge = PromotionRules.apply(basket, List.of(), promotion("HUGE", Promotion.Kind.FIXED_AMOUNT, null,
                Map.of("USD", 1_000_000L), false), "HUGE", NOW, Map.of());
        assertThat(huge.lineDiscounts()).containsExactly(999L, 1L, 2000L);
        // No amount in this currency: not applicable.
        Discounts euros = PromotionRules.apply(basket, List.of(), promotion("EUR", Promotion.Kind.FIXED_AMOUNT, null,
                Map.of("EUR", 100L), false), "EUR", NOW, Map.of());
        assertThat(euros.coupon().reason()).isEqualTo("not_applicable");
        assertThat(euros.any()).isFalse();
    }

    @Test
    void theBestNonCombinableAppliesWithEveryCombinableOneAndNoLineGoesBelowZero() {
        Basket basket = new Basket("USD", List.of(line(MERCHANT, 1000)), 700);
        Promotion fivePercent = promotion(null, Promotion.Kind.PERCENTAGE, 5, Map.of(), false);
        Promotion freeShipping = promotion(null, Promotion.Kind.FREE_SHIPPING, null, Map.of(), false);
        Promotion combinable = promotion(null, Promotion.Kind.FIXED_AMOUNT, null, Map.of("USD", 980L), true);
        Promotion coupon = promotion("C", Promotion.Kind.PERCENTAGE, 10, Map.of(), false);

        // Free shipping saves 700, more than 5 % (50) or the 10 % code (100): the code is superseded.
        Discounts discounts = PromotionRules.apply(basket, List.of(fivePercent, freeShipping, combinable), coupon, "C",
                NOW, Map.of());
        assertThat(discounts.freeShipping()).isTrue();
        assertThat(discounts.coupon().reason()).isEqualTo("superseded");
        assertThat(discounts.applied()).extracting(a -> a.promotionId())
                .containsExactly(freeShipping.id(), combinable.id());
        assertThat(discounts.lineDiscounts()).containsExactly(980L);

        // Without shipping to save, the code (100) wins; the combinable one gets only what is left of the line.
        Discounts noShipping = PromotionRules.apply(new Basket("USD", basket.lines(), 0),
                List.of(fivePercent, freeShipping, combinable), coupon, "C", NOW, Map.of());
        assertThat(noShipping.coupon().applied()).isTrue();
        assertThat(noShipping.lineDiscounts()).containsExactly(1000L);
        assertThat(noShipping.applied()).extracting(a -> a.discountMinor()).containsExactly(100L, 900L);
    }

    @Test
    void eachRefusalHasItsReason() {
        Basket basket = new Basket("USD", List.of(line(MERCHANT, 1000)), 0);
        Promotion base = promotion("X", Promotion.Kind.PERCENTAGE, 10, Map.of(), false);
        assertThat(PromotionRules.refusal(base, basket, NOW, -1)).isNull();
        assertThat(PromotionRules.refusal(with(base, NOW.plusSeconds(1), null, null, null, 0), basket, NOW, -1))
                .isEqualTo("not_started");
        assertThat(PromotionRules.refusal(with(base, NOW.minusSeconds(100), NOW, null, null, 0), basket, NOW, -1))
                .isEqualTo("expired");
        assertThat(PromotionRules.refusal(with(base, base.startsAt(), null, 5, null, 5), basket, NOW, -1))
                .isEqualTo("used_up");
        assertThat(PromotionRules.refusal(with(base, base.startsAt(), null, null, 2, 0), basket, NOW, 2))
                .isEqualTo("customer_limit");
        assertThat(PromotionRules.refusal(with(base, base.startsAt(), null, null, 2, 0), basket, NOW, 1)).isNull();
        Promotion minimum = new Promotion(base.id(), null, "p", "X", Promotion.Kind.PERCENTAGE, 10, Map.of(),
                Promotion.Scope.CART, Set.of(), Map.of("USD", 1001L), base.startsAt(), null, null, null, 0, false, true,
                0, NOW, NOW);
        assertThat(PromotionRules.refusal(minimum, basket, NOW, -1)).isEqualTo("minimum_not_met");
    }

    @Test
    void aMerchantsPromotionNeverTouchesAnotherMerchantsLinesNorFlashSaleUnits() {
        BasketLine ours = line(MERCHANT, 1000);
        BasketLine theirs = line(OTHER_MERCHANT, 1000);
        BasketLine sale = new BasketLine(UUID.randomUUID(), UUID.randomUUID(), MERCHANT, null, 1, 1000, false);
        Promotion sellers = new Promotion(UUID.randomUUID(), MERCHANT, "ours", "OURS", Promotion.Kind.PERCENTAGE, 50,
                Map.of(), Promotion.Scope.CART, Set.of(), Map.of(), NOW.minusSeconds(1), null, null, null, 0, false, true,
                0, NOW, NOW);
        Discounts discounts = PromotionRules.apply(new Basket("USD", List.of(ours, theirs, sale), 0), List.of(), sellers,
                "OURS", NOW, Map.of());
        assertThat(discounts.lineDiscounts()).containsExactly(500L, 0L, 0L);
        Discounts none = PromotionRules.apply(new Basket("USD", List.of(theirs), 0), List.of(), sellers, "OURS", NOW,
                Map.of());
        assertThat(none.coupon().reason()).isEqualTo("not_applicable");
    }

    static Promotion with(Promotion p, Instant starts, Instant ends, Integer cap, Integer perCustomer, int redeemed) {
        return new Promotion(p.id(), p.merchantId(), p.name(), p.code(), p.kind(), p.percentOff(), p.amountsOff(),
                p.scope(), p.scopeIds(), p.minimumSubtotal(), starts, ends, perCustomer, cap, redeemed, p.combinable(),
                p.active(), p.version(), p.createdAt(), p.updatedAt());
    }
}
