package dev.surge.catalog.domain;

import dev.surge.catalog.data.ProductWrites;
import dev.surge.catalog.data.ProductWrites.ExistingVariant;
import dev.surge.catalog.data.ProductWrites.Locked;
import dev.surge.catalog.domain.ProductRules.ValidVariant;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.persistence.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Writes a product's variants: each form matched to an existing variant and updated in place, or added. */
@Component
class VariantUpserts {

    private final ProductWrites writes;

    VariantUpserts(ProductWrites writes) {
        this.writes = writes;
    }

    /**
     * Matches each form to an existing variant (by id, else by SKU) and updates it in place, or inserts it.
     * With {@code complete}, every existing variant must be matched (a full replace never drops one silently).
     */
    Mono<Void> upsert(Locked locked, List<ValidVariant> forms, String currency, List<ExistingVariant> existing,
            boolean complete) {
        Map<UUID, ExistingVariant> byId = new HashMap<>();
        Map<String, ExistingVariant> bySku = new HashMap<>();
        existing.forEach(v -> {
            byId.put(v.id(), v);
            bySku.put(v.sku(), v);
        });
        List<FieldViolation> errors = new ArrayList<>();
        Map<Integer, ExistingVariant> matched = new LinkedHashMap<>();
        Set<UUID> used = new HashSet<>();
        for (int i = 0; i < forms.size(); i++) {
            ValidVariant form = forms.get(i);
            ExistingVariant match = form.id() != null ? byId.get(form.id()) : bySku.get(form.sku());
            if (form.id() != null && match == null) {
                errors.add(new FieldViolation("variants[" + i + "].id", "not_found", "no such variant of this product"));
                continue;
            }
            if (match != null && form.id() == null && forms.stream().anyMatch(f -> match.id().equals(f.id()))) {
                continue; // its SKU moves to the variant named by id; this form is a new variant with that SKU
            }
            if (match != null) {
                if (!used.add(match.id())) {
                    errors.add(new FieldViolation("variants[" + i + "]", "repeated", "variant appears twice"));
                }
                if (complete && form.stock() != null) {
                    errors.add(new FieldViolation("variants[" + i + "].stock", "not_writable",
                            "stock belongs to the inventory; it is set only when a variant is created"));
                }
                matched.put(i, match);
            }
        }
        if (complete) {
            List<String> missing = existing.stream().filter(v -> !used.contains(v.id())).map(v -> v.id().toString()).toList();
            if (!missing.isEmpty()) {
                errors.add(new FieldViolation("variants", "missing", "list every existing variant (missing: "
                        + String.join(", ", missing) + "); remove one with DELETE .../variants/{variantId}"));
            }
        }
        if (existing.size() - matched.size() + forms.size() - matched.size() > ProductRules.MAX_VARIANTS) {
            errors.add(new FieldViolation("variants", "size", "a product has at most " + ProductRules.MAX_VARIANTS + " variants"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(new CatalogErrors.InvalidBody(errors));
        }
        List<String> skus = forms.stream().map(ValidVariant::sku).toList();
        int[] next = {nextPosition(existing)};
        return checkSkus(skus, locked.id(), existing, used)
                .thenMany(Flux.range(0, forms.size()).concatMap(i -> {
                    ValidVariant form = forms.get(i);
                    ExistingVariant match = matched.get(i);
                    if (match != null) {
                        return writes.updateVariant(match.id(), locked.id(), form, currency, complete ? i : match.position());
                    }
                    return writes.insertVariant(Ids.newId(), locked.id(), complete ? i : next[0]++, form, currency,
                            form.stock() == null ? 0 : form.stock());
                }))
                .then();
    }

    /**
     * SKUs must be free: not used by another product, nor by a variant of this product that is not the one
     * being written ({@code writing}).
     */
    Mono<Void> checkSkus(List<String> skus, UUID productId, List<ExistingVariant> existing, Set<UUID> writing) {
        for (ExistingVariant variant : existing) {
            if (!writing.contains(variant.id()) && skus.contains(variant.sku())) {
                return Mono.error(new CatalogErrors.SkuTaken(variant.sku()));
            }
        }
        return writes.skusTakenElsewhere(skus, productId).next()
                .flatMap(sku -> Mono.<Void>error(new CatalogErrors.SkuTaken(sku)));
    }

    static int nextPosition(List<ExistingVariant> existing) {
        return existing.stream().mapToInt(ExistingVariant::position).max().orElse(-1) + 1;
    }
}
