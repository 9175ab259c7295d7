package dev.surge.promotions.web;

import dev.surge.platform.paging.Page;
import dev.surge.promotions.domain.Promotion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the promotion routes answer. */
final class PromotionResponses {

    private PromotionResponses() {
    }

    /** A promotion with its redemptions so far ({@code redeemed}: orders holding one now; given-back ones excluded). */
    record PromotionResponse(UUID id, UUID merchantId, String name, String code, boolean automatic, String kind,
            Integer percentOff, Map<String, Long> amountsOff, String scope, Set<UUID> scopeIds,
            Map<String, Long> minimumSubtotal, Instant startsAt, Instant endsAt, Integer perCustomerLimit,
            Integer redemptionCap, int redeemed, boolean combinable, boolean active, long version, Instant createdAt,
            Instant updatedAt) {

        static PromotionResponse of(Promotion p) {
            return new PromotionResponse(p.id(), p.merchantId(), p.name(), p.code(), p.automatic(), p.kind().name(),
                    p.percentOff(), p.amountsOff(), p.scope().name(), p.scopeIds(), p.minimumSubtotal(), p.startsAt(),
                    p.endsAt(), p.perCustomerLimit(), p.redemptionCap(), p.redeemed(), p.combinable(), p.active(),
                    p.version(), p.createdAt(), p.updatedAt());
        }
    }

    record PromotionPage(List<PromotionResponse> items, String nextCursor) {

        static PromotionPage of(Page<Promotion> page) {
            return new PromotionPage(page.items().stream().map(PromotionResponse::of).toList(), page.nextCursor());
        }
    }
}
