package dev.surge.catalog.domain;

import dev.surge.catalog.data.ProductWrites;
import dev.surge.catalog.data.ProductWrites.Locked;
import dev.surge.catalog.domain.ProductForm.PriceForm;
import dev.surge.catalog.domain.ProductForm.VariantForm;
import dev.surge.catalog.domain.ProductRules.ValidVariant;
import dev.surge.platform.persistence.Ids;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A product's variants one by one: added (with optional initial stock), changed in place, removed (never
 * the last). Each change is a product change ({@link ProductChanges}): locked, version-checked, audited.
 */
@Service
public class VariantEditing {

    private final ProductChanges changes;
    private final VariantUpserts variants;
    private final ProductWrites writes;

    VariantEditing(ProductChanges changes, VariantUpserts variants, ProductWrites writes) {
        this.changes = changes;
        this.variants = variants;
        this.writes = writes;
    }

    /** Adds a variant (with optional initial stock) in the product's currency. */
    public Mono<ManagedProduct> add(ProductEdit edit, VariantForm form) {
        UUID productId = edit.productId();
        return changes.change(edit, "product.variant_added", locked -> {
            ValidVariant variant = validVariant(form, locked);
            if (variant.id() != null) {
                return Mono.error(new CatalogErrors.InvalidBody("id", "not_allowed",
                        "a new variant gets its id from the server"));
            }
            return writes.variants(productId).collectList()
                    .flatMap(existing -> {
                        if (existing.size() >= ProductRules.MAX_VARIANTS) {
                            return Mono.error(new CatalogErrors.InvalidBody("variants", "size",
                                    "a product has at most " + ProductRules.MAX_VARIANTS + " variants"));
                        }
                        return variants.checkSkus(List.of(variant.sku()), productId, existing, Set.of())
                                .then(writes.insertVariant(Ids.newId(), productId, VariantUpserts.nextPosition(existing),
                                        variant, locked.currency(), variant.stock() == null ? 0 : variant.stock()));
                    })
                    .then(writes.refreshPrice(productId))
                    .thenReturn(List.of(locked.slug()));
        });
    }

    /** Changes one variant in place: {@code patch} turns its current fields into the new ones. Stock cannot be set. */
    public Mono<ManagedProduct> patch(ProductEdit edit, UUID variantId, UnaryOperator<VariantForm> patch) {
        UUID productId = edit.productId();
        return changes.change(edit, "product.variant_updated", locked ->
                writes.managed(productId, edit.merchantId()).flatMap(current -> {
                    ManagedProduct.Variant before = current.variants().stream()
                            .filter(v -> v.id().equals(variantId)).findFirst().orElse(null);
                    if (before == null) {
                        return Mono.error(new VariantNotFound());
                    }
                    VariantForm patched = patch.apply(formOf(before));
                    if (patched.stock() != null) {
                        return Mono.error(new CatalogErrors.InvalidBody("stock", "not_writable",
                                "stock belongs to the inventory; it is set only when a variant is created"));
                    }
                    if (!variantId.equals(patched.id())) {
                        return Mono.error(new CatalogErrors.InvalidBody("id", "not_allowed", "a variant's id cannot change"));
                    }
                    ValidVariant variant = validVariant(patched, locked);
                    return writes.variants(productId).collectList()
                            .flatMap(existing -> variants.checkSkus(List.of(variant.sku()), productId, existing,
                                            Set.of(variantId))
                                    .then(writes.updateVariant(variantId, productId, variant, locked.currency(),
                                            existing.stream().filter(e -> e.id().equals(variantId))
                                                    .findFirst().orElseThrow().position())))
                            .then(writes.refreshPrice(productId))
                            .thenReturn(List.of(locked.slug()));
                }));
    }

    /** Removes one variant; the last one stays (a product always has a price). */
    public Mono<ManagedProduct> delete(ProductEdit edit, UUID variantId) {
        UUID productId = edit.productId();
        return changes.change(edit, "product.variant_deleted", locked ->
                writes.variants(productId).collectList().flatMap(existing -> {
                    if (existing.stream().noneMatch(v -> v.id().equals(variantId))) {
                        return Mono.error(new VariantNotFound());
                    }
                    if (existing.size() == 1) {
                        return Mono.error(new CatalogErrors.LastVariant());
                    }
                    return writes.deleteVariant(variantId, productId)
                            .then(writes.refreshPrice(productId))
                            .thenReturn(List.of(locked.slug()));
                }));
    }

    private static ValidVariant validVariant(VariantForm form, Locked locked) {
        ValidVariant variant = ProductRules.variant(form, "").orThrow();
        String currency = form.price().currency().trim().toUpperCase(Locale.ROOT);
        if (!currency.equals(locked.currency())) {
            throw new CatalogErrors.InvalidBody("price.currency", "currency_mismatch",
                    "every variant of a product is priced in one currency (" + locked.currency()
                            + "); replace the product with PUT to change it");
        }
        return variant;
    }

    static VariantForm formOf(ManagedProduct.Variant variant) {
        return new VariantForm(variant.id(), variant.sku(), variant.title(),
                new PriceForm(BigDecimal.valueOf(variant.price().amountMinor()), variant.price().currency()),
                variant.compareAtPrice() == null ? null
                        : new PriceForm(BigDecimal.valueOf(variant.compareAtPrice().amountMinor()),
                                variant.compareAtPrice().currency()),
                variant.weightGrams(), variant.attributes(), null);
    }
}
