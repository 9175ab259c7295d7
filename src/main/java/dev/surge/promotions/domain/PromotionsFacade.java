package dev.surge.promotions.domain;

import dev.surge.promotions.AppliedPromotion;
import dev.surge.promotions.Basket;
import dev.surge.promotions.CouponStatus;
import dev.surge.promotions.Discounts;
import dev.surge.promotions.PromotionsApi;
import dev.surge.promotions.data.PromotionQueries;
import dev.surge.promotions.data.RedemptionQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link PromotionsApi} over this instance's copy of the live promotions (carts) and PostgreSQL (checkout). */
@Service
class PromotionsFacade implements PromotionsApi {

    private final LivePromotions live;
    private final PromotionQueries promotions;
    private final RedemptionQueries redemptions;

    PromotionsFacade(LivePromotions live, PromotionQueries promotions, RedemptionQueries redemptions) {
        this.live = live;
        this.promotions = promotions;
        this.redemptions = redemptions;
    }

    @Override
    public Mono<Discounts> preview(Basket basket, String code) {
        String entered = PromotionsApi.normalize(code);
        return live.snapshot().map(snapshot -> {
            if (entered == null && snapshot.automatic().isEmpty()) {
                return Discounts.none(basket.lines().size());
            }
            Promotion coupon = entered == null ? null : snapshot.byCode().get(entered);
            return PromotionRules.apply(basket, snapshot.automatic(), coupon, entered, Instant.now(), Map.of());
        });
    }

    @Override
    public Mono<Discounts> quote(Basket basket, String code, String customerKey) {
        String entered = PromotionsApi.normalize(code);
        return promotions.candidates(entered).collectList().flatMap(all -> {
            List<Promotion> automatic = all.stream().filter(Promotion::automatic).toList();
            Promotion entry = all.stream().filter(p -> !p.automatic()).findFirst().orElse(null);
            Set<UUID> limited = all.stream().filter(p -> p.perCustomerLimit() != null).map(Promotion::id)
                    .collect(Collectors.toSet());
            return redemptions.uses(customerKey, limited).map(uses -> {
                Map<UUID, Integer> known = new HashMap<>();
                limited.forEach(id -> known.put(id, uses.getOrDefault(id, 0)));
                Discounts discounts = PromotionRules.apply(basket, automatic, entry, entered, Instant.now(), known);
                CouponStatus status = discounts.coupon();
                if (status != null && !status.applied() && !"superseded".equals(status.reason())) {
                    if ("used_up".equals(status.reason()) || "customer_limit".equals(status.reason())) {
                        throw new PromotionErrors.CouponTaken(status.reason());
                    }
                    throw new PromotionErrors.CouponRefused(status.reason(), status.message());
                }
                return discounts;
            });
        });
    }

    @Override
    public Mono<Void> redeem(UUID orderId, String customerKey, String currency, Discounts discounts) {
        if (!discounts.any()) {
            return Mono.empty();
        }
        List<AppliedPromotion> ordered = new ArrayList<>(discounts.applied());
        ordered.sort(Comparator.comparing(AppliedPromotion::promotionId)); // one lock order for every checkout
        return Flux.fromIterable(ordered).concatMap(applied -> redeemOne(orderId, customerKey, currency, applied)).then();
    }

    private Mono<Void> redeemOne(UUID orderId, String customerKey, String currency, AppliedPromotion applied) {
        boolean coupon = applied.code() != null;
        return redemptions.takeOne(applied.promotionId())
                .flatMap(taken -> taken ? Mono.empty()
                        : Mono.error(coupon ? new PromotionErrors.CouponTaken("used_up") : new PromotionErrors.PromotionUsedUp()))
                .then(promotions.find(applied.promotionId()))
                .flatMap(p -> p.perCustomerLimit() == null ? Mono.just(true)
                        : redemptions.takeCustomerUse(p.id(), customerKey, p.perCustomerLimit()))
                .flatMap(taken -> taken ? Mono.empty()
                        : Mono.error(coupon ? new PromotionErrors.CouponTaken("customer_limit")
                                : new PromotionErrors.PromotionUsedUp()))
                .then(redemptions.record(applied.promotionId(), orderId, customerKey,
                        applied.discountMinor(), currency));
    }

    @Override
    public Mono<Void> release(UUID orderId) {
        return redemptions.release(orderId).then();
    }

    @Override
    public Mono<Void> learn(String code) {
        String entered = PromotionsApi.normalize(code);
        if (entered == null) {
            return Mono.empty();
        }
        return live.snapshot().flatMap(snapshot -> snapshot.byCode().containsKey(entered) ? Mono.empty()
                : promotions.liveByCode(entered).flatMap(found -> live.reload()).then());
    }
}
