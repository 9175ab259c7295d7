package dev.surge.promotions.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a manager asks for, before the rules of {@link PromotionDrafts} check it; any field may be null (on an
 * update: left as it is).
 */
public record PromotionDraft(String name, String code, String kind, Integer percentOff, Map<String, Long> amountsOff,
        String scope, List<UUID> scopeIds, Map<String, Long> minimumSubtotal, Instant startsAt, Instant endsAt,
        Integer perCustomerLimit, Integer redemptionCap, Boolean combinable) {
}
