package dev.surge.promotions.web;

import dev.surge.promotions.domain.PromotionDraft;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the promotion routes; the rules between fields are the domain's ({@code PromotionDrafts}). */
final class PromotionRequests {

    private PromotionRequests() {
    }

    /**
     * A new promotion, or (every field optional) a change to one. {@code code}: absent for an automatic promotion.
     * {@code kind}: PERCENTAGE, FIXED_AMOUNT or FREE_SHIPPING. {@code scope}: CART (default), PRODUCTS, CATEGORIES
     * or MERCHANT, naming {@code scopeIds}. Amounts are minor units per ISO currency.
     */
    record PromotionRequest(@Size(max = 120) String name, @Size(max = 40) String code, @Size(max = 20) String kind,
            Integer percentOff, @Size(max = 50) Map<String, Long> amountsOff, @Size(max = 20) String scope,
            @Size(max = 500) List<UUID> scopeIds, @Size(max = 50) Map<String, Long> minimumSubtotal, Instant startsAt,
            Instant endsAt, Integer perCustomerLimit, Integer redemptionCap, Boolean combinable) {

        PromotionDraft draft() {
            return new PromotionDraft(name, code, kind, percentOff, amountsOff, scope, scopeIds, minimumSubtotal,
                    startsAt, endsAt, perCustomerLimit, redemptionCap, combinable);
        }
    }
}
