package dev.surge.catalog.domain;

import dev.surge.catalog.data.ProductWrites;
import dev.surge.catalog.data.ProductWrites.Locked;
import dev.surge.catalog.domain.ProductRules.ValidProduct;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * One CSV row as a product change (the caller's access is checked once per file by
 * {@link ProductImportService}).
 */
@Service
class ProductRowImport {

    private final ProductChanges changes;
    private final ProductRows rows;
    private final VariantUpserts variants;
    private final ProductWrites writes;

    ProductRowImport(ProductChanges changes, ProductRows rows, VariantUpserts variants, ProductWrites writes) {
        this.changes = changes;
        this.rows = rows;
        this.variants = variants;
        this.writes = writes;
    }

    /** The outcome of one imported row. */
    record ImportedRow(UUID productId, String slug, long version, boolean created) {
    }

    /**
     * The merchant's product with this handle (slug) gets the row's product fields and the variant with the
     * row's SKU is updated or added; without such a product, one is created (with the handle as its slug, or
     * one made from the title). One transaction: the row lands whole or not at all.
     */
    Mono<ImportedRow> importRow(Principals caller, UUID merchantId, String handle, ProductForm form, Origin origin) {
        return Mono.defer(() -> {
            ValidProduct product = ProductRules.product(form, ProductStatus.ACTIVE, true).orThrow();
            Mono<Locked> existing = handle == null ? Mono.empty() : writes.lockBySlug(handle, merchantId);
            Mono<ImportedRow> work = existing
                    .flatMap(locked -> rows.checkCategory(product.categoryId())
                            .then(writes.variants(locked.id()).collectList())
                            .flatMap(current -> {
                                if (!locked.currency().equals(product.currency())) {
                                    return Mono.error(new CatalogErrors.InvalidBody("currency", "currency_mismatch",
                                            "the product is priced in " + locked.currency()));
                                }
                                return variants.upsert(locked, product.variants(), product.currency(), current, false);
                            })
                            .then(writes.updateProduct(locked.id(), form.status() != null ? product
                                    : withStatus(product, locked.status()), null))
                            .map(version -> new ImportedRow(locked.id(), locked.slug(), version, false)))
                    .switchIfEmpty(Mono.defer(() -> {
                        UUID id = Ids.newId();
                        ValidProduct withHandle = handle == null ? product : new ValidProduct(product.title(), handle,
                                product.description(), product.categoryId(), product.status(), product.featured(),
                                product.featuredPosition(), product.currency(), product.variants());
                        return rows.create(merchantId, id, withHandle).map(slug -> new ImportedRow(id, slug, 1L, true));
                    }));
            return changes.imported(caller, merchantId, origin, work);
        });
    }

    private static ValidProduct withStatus(ValidProduct product, ProductStatus status) {
        return new ValidProduct(product.title(), product.slug(), product.description(), product.categoryId(), status,
                product.featured(), product.featuredPosition(), product.currency(), product.variants());
    }
}
