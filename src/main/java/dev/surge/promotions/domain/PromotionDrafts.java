package dev.surge.promotions.domain;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.ValidationFailed;
import dev.surge.platform.persistence.Ids;
import dev.surge.promotions.PromotionsApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The rules a promotion's fields keep, without I/O: every broken one is listed in one {@code validation_failed}. */
final class PromotionDrafts {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,39}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final long MAX_AMOUNT = 100_000_000_000L;

    private PromotionDrafts() {
    }

    /** A new promotion of {@code merchantId} (null: the platform's). */
    static Promotion create(PromotionDraft d, UUID merchantId, Instant now) {
        List<FieldViolation> errors = new ArrayList<>();
        Promotion.Kind kind = choice(d.kind(), Promotion.Kind.class, "kind", errors);
        Promotion.Scope scope = d.scope() == null ? Promotion.Scope.CART : choice(d.scope(), Promotion.Scope.class, "scope", errors);
        String code = PromotionsApi.normalize(d.code());
        if (d.code() != null && (code == null || !CODE.matcher(code).matches())) {
            errors.add(new FieldViolation("code", "pattern", "3 to 40 letters, digits, '-' or '_'"));
        }
        Set<UUID> ids = d.scopeIds() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(d.scopeIds());
        if (ids.remove(null) || ids.size() > 500) {
            errors.add(new FieldViolation("scopeIds", "invalid", "At most 500 ids, none null"));
        }
        if (scope == Promotion.Scope.MERCHANT && merchantId != null) {
            ids = Set.of(merchantId);
        }
        if (scope != null && scope != Promotion.Scope.CART && ids.isEmpty()) {
            errors.add(new FieldViolation("scopeIds", "required", "Name the products, categories or merchants"));
        }
        if (scope == Promotion.Scope.CART) {
            ids = Set.of();
        }
        if (kind == Promotion.Kind.FREE_SHIPPING && merchantId != null) {
            errors.add(new FieldViolation("kind", "invalid", "Free shipping is for platform promotions only"));
        }
        Promotion p = new Promotion(Ids.newId(), merchantId, d.name(), code, kind, d.percentOff(),
                clean("amountsOff", d.amountsOff(), errors), scope, ids,
                clean("minimumSubtotal", d.minimumSubtotal(), errors),
                d.startsAt() == null ? now : d.startsAt(), d.endsAt(), d.perCustomerLimit(), d.redemptionCap(), 0,
                Boolean.TRUE.equals(d.combinable()), true, 0, now, now);
        return checked(p, errors);
    }

    /** {@code current} with the draft's non-null changeable fields. */
    static Promotion update(Promotion c, PromotionDraft d) {
        List<FieldViolation> errors = new ArrayList<>();
        if (d.code() != null || d.kind() != null || d.scope() != null || d.scopeIds() != null) {
            errors.add(new FieldViolation("code", "immutable",
                    "Code, kind and scope cannot change: deactivate this promotion and create another"));
        }
        Promotion p = new Promotion(c.id(), c.merchantId(), d.name() != null ? d.name() : c.name(), c.code(), c.kind(),
                d.percentOff() != null ? d.percentOff() : c.percentOff(),
                d.amountsOff() != null ? clean("amountsOff", d.amountsOff(), errors) : c.amountsOff(), c.scope(),
                c.scopeIds(),
                d.minimumSubtotal() != null ? clean("minimumSubtotal", d.minimumSubtotal(), errors) : c.minimumSubtotal(),
                d.startsAt() != null ? d.startsAt() : c.startsAt(), d.endsAt() != null ? d.endsAt() : c.endsAt(),
                d.perCustomerLimit() != null ? d.perCustomerLimit() : c.perCustomerLimit(),
                d.redemptionCap() != null ? d.redemptionCap() : c.redemptionCap(), c.redeemed(),
                d.combinable() != null ? d.combinable() : c.combinable(), c.active(), c.version(), c.createdAt(),
                c.updatedAt());
        return checked(p, errors);
    }

    private static Promotion checked(Promotion p, List<FieldViolation> errors) {
        if (p.name() == null || p.name().isBlank() || p.name().length() > 120) {
            errors.add(new FieldViolation("name", "size", "1 to 120 characters"));
        }
        if (p.kind() == Promotion.Kind.PERCENTAGE && (p.percentOff() == null || p.percentOff() < 1 || p.percentOff() > 100)) {
            errors.add(new FieldViolation("percentOff", "range", "1 to 100, required for PERCENTAGE"));
        }
        if (p.kind() != Promotion.Kind.PERCENTAGE && p.percentOff() != null) {
            errors.add(new FieldViolation("percentOff", "invalid", "Only for PERCENTAGE"));
        }
        if (p.kind() == Promotion.Kind.FIXED_AMOUNT && p.amountsOff().isEmpty()) {
            errors.add(new FieldViolation("amountsOff", "required", "Amount off per currency, required for FIXED_AMOUNT"));
        }
        if (p.kind() != Promotion.Kind.FIXED_AMOUNT && !p.amountsOff().isEmpty()) {
            errors.add(new FieldViolation("amountsOff", "invalid", "Only for FIXED_AMOUNT"));
        }
        amounts("amountsOff", p.amountsOff(), errors);
        amounts("minimumSubtotal", p.minimumSubtotal(), errors);
        if (p.endsAt() != null && !p.endsAt().isAfter(p.startsAt())) {
            errors.add(new FieldViolation("endsAt", "invalid", "Must be after startsAt"));
        }
        if (p.perCustomerLimit() != null && (p.perCustomerLimit() < 1 || p.perCustomerLimit() > 1_000_000)) {
            errors.add(new FieldViolation("perCustomerLimit", "range", "1 to 1000000"));
        }
        if (p.redemptionCap() != null && (p.redemptionCap() < 1 || p.redemptionCap() > 100_000_000)) {
            errors.add(new FieldViolation("redemptionCap", "range", "1 to 100000000"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed("The promotion is invalid", errors);
        }
        return p;
    }

    private static void amounts(String field, Map<String, Long> amounts, List<FieldViolation> errors) {
        if (amounts.size() > 50) {
            errors.add(new FieldViolation(field, "size", "At most 50 currencies"));
        }
        amounts.forEach((currency, amount) -> {
            if (currency == null || !CURRENCY.matcher(currency).matches() || amount == null || amount < 1
                    || amount > MAX_AMOUNT) {
                errors.add(new FieldViolation(field, "invalid",
                        "Upper-case ISO currency codes to amounts in minor units, 1 to " + MAX_AMOUNT));
            }
        });
    }

    /** The map without null keys or values (each one reported). */
    private static Map<String, Long> clean(String field, Map<String, Long> amounts, List<FieldViolation> errors) {
        Map<String, Long> kept = new java.util.HashMap<>();
        if (amounts == null) {
            return kept;
        }
        amounts.forEach((currency, amount) -> {
            if (currency == null || amount == null) {
                errors.add(new FieldViolation(field, "invalid", "No null currencies or amounts"));
            } else {
                kept.put(currency, amount);
            }
        });
        return kept;
    }

    private static <E extends Enum<E>> E choice(String value, Class<E> type, String field, List<FieldViolation> errors) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            errors.add(new FieldViolation(field, "invalid", "One of " + List.of(type.getEnumConstants())));
            return null;
        }
    }
}
