package dev.surge.catalog.domain;

import dev.surge.catalog.ProductChanged;
import dev.surge.catalog.data.ProductWrites;
import dev.surge.catalog.data.ProductWrites.Locked;
import dev.surge.catalog.domain.ProductRules.ValidProduct;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sellers and admins run products: create, replace, patch, archive, restore, delete (variants one by one:
 * {@link VariantEditing}). Sellers reach only their own merchant (another merchant, or its product, is 404
 * as if it did not exist); admins reach any. Every change is one transaction holding the product's row lock
 * ({@link ProductChanges}): the version the caller read is checked ({@code If-Match}), the rows change in
 * place (variants keep their ids), the lowest price follows the variants, the version moves on, and the
 * audit record and the {@link ProductChanged} event are written with it.
 * <p>
 * Stock is not written here except as the initial units of a variant being created: the inventory
 * module owns stock and adopts that figure the first time it sees the variant.
 */
@Service
public class ProductEditing {

    private final ProductAccess access;
    private final ProductChanges changes;
    private final ProductRows rows;
    private final VariantUpserts variants;
    private final ProductWrites writes;

    ProductEditing(ProductAccess access, ProductChanges changes, ProductRows rows, VariantUpserts variants,
            ProductWrites writes) {
        this.access = access;
        this.changes = changes;
        this.rows = rows;
        this.variants = variants;
        this.writes = writes;
    }

    public Mono<ManagedProduct> create(Principals caller, UUID merchantId, ProductForm form, Origin origin) {
        return access.check(caller, merchantId).then(Mono.defer(() -> {
            ValidProduct product = ProductRules.product(form, ProductStatus.ACTIVE, true).orThrow();
            ProductEdit edit = ProductEdit.creating(caller, merchantId, Ids.newId(), origin);
            return changes.commit(edit, "product.created",
                    rows.create(merchantId, edit.productId(), product).map(List::of));
        }));
    }

    /**
     * Replaces every product field and its variants: each listed variant is matched by {@code id} (or by
     * SKU) and updated in place, or added; a variant not listed is refused ({@code missing}), because
     * variants are removed only explicitly. A null slug keeps the current one.
     */
    public Mono<ManagedProduct> replace(ProductEdit edit, ProductForm form) {
        UUID productId = edit.productId();
        return changes.change(edit, "product.replaced", locked -> {
            ValidProduct product = ProductRules.product(form, ProductStatus.ACTIVE, true).orThrow();
            return rows.checkCategory(product.categoryId())
                    .then(writes.variants(productId).collectList())
                    .flatMap(existing -> variants.upsert(locked, product.variants(), product.currency(), existing, true))
                    .then(rows.slugFor(product.slug(), locked))
                    .flatMap(slug -> update(locked, product, slug));
        });
    }

    /**
     * Changes product-level fields: {@code patch} turns the current fields into the new ones (the web
     * layer applies an RFC 7396 merge patch). Variants are changed through their own methods.
     */
    public Mono<ManagedProduct> patch(ProductEdit edit, UnaryOperator<ProductForm> patch) {
        return changes.change(edit, "product.updated", locked ->
                writes.managed(edit.productId(), edit.merchantId()).flatMap(current -> {
                    ProductForm patched = patch.apply(formOf(current));
                    if (patched.variants() != null) {
                        return Mono.error(new CatalogErrors.InvalidBody("variants", "not_allowed",
                                "change variants through /variants, or replace the product with PUT"));
                    }
                    ValidProduct product = ProductRules.product(patched, current.status(), false).orThrow();
                    return rows.checkCategory(product.categoryId())
                            .then(rows.slugFor(product.slug(), locked))
                            .flatMap(slug -> update(locked, product, slug));
                }));
    }

    /** Archived products leave the storefront but keep their rows; restoring makes them ACTIVE again. */
    public Mono<ManagedProduct> setStatus(ProductEdit edit, ProductStatus status) {
        String action = status == ProductStatus.ARCHIVED ? "product.archived" : "product.restored";
        return changes.change(edit, action,
                locked -> writes.setStatus(edit.productId(), status).thenReturn(List.of(locked.slug())));
    }

    public Mono<Void> delete(ProductEdit edit) {
        return changes.delete(edit);
    }

    /** Writes the product's fields (and new slug, if any); emits the slugs it was reachable by. */
    private Mono<List<String>> update(Locked locked, ValidProduct product, Optional<String> slug) {
        return writes.updateProduct(locked.id(), product, slug.orElse(null))
                .thenReturn(slugs(locked.slug(), slug.orElse(null)));
    }

    private static List<String> slugs(String before, String after) {
        Set<String> slugs = new LinkedHashSet<>();
        slugs.add(before);
        if (after != null) {
            slugs.add(after);
        }
        return List.copyOf(slugs);
    }

    static ProductForm formOf(ManagedProduct product) {
        return new ProductForm(product.title(), product.slug(), product.description(), product.category().id(),
                product.status().name(), product.featured(), product.featuredPosition(), null);
    }
}
