package dev.surge.catalog.domain;

import dev.surge.catalog.data.ProductWrites;
import dev.surge.catalog.data.ProductWrites.Locked;
import dev.surge.catalog.domain.ProductRules.ValidProduct;
import dev.surge.catalog.domain.ProductRules.ValidVariant;
import dev.surge.platform.persistence.Ids;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The product row itself: inserted under a free slug with its variants, its category and slug checked. */
@Component
class ProductRows {

    static final int MAX_SLUG_ATTEMPTS = 5;

    private final ProductWrites writes;
    private final VariantUpserts variants;

    ProductRows(ProductWrites writes, VariantUpserts variants) {
        this.writes = writes;
        this.variants = variants;
    }

    /** Inserts the product under its slug (or a free one made from its title) and its variants; emits the slug. */
    Mono<String> create(UUID merchantId, UUID id, ValidProduct product) {
        List<String> skus = product.variants().stream().map(ValidVariant::sku).toList();
        return checkCategory(product.categoryId())
                .then(variants.checkSkus(skus, null, List.of(), Set.of()))
                .then(insertWithSlug(merchantId, id, product, 0))
                .flatMap(slug -> Flux.range(0, product.variants().size())
                        .concatMap(i -> {
                            ValidVariant variant = product.variants().get(i);
                            return writes.insertVariant(Ids.newId(), id, i, variant, product.currency(),
                                    variant.stock() == null ? 0 : variant.stock());
                        })
                        .then(Mono.just(slug)));
    }

    Mono<Void> checkCategory(UUID categoryId) {
        return writes.categoryExists(categoryId).flatMap(found -> found ? Mono.<Void>empty()
                : Mono.error(new CatalogErrors.InvalidBody("categoryId", "not_found", "there is no such category")));
    }

    /** The slug to set: empty keeps the current one; a different explicit slug must be free. */
    Mono<Optional<String>> slugFor(String requested, Locked locked) {
        if (requested == null || requested.equals(locked.slug())) {
            return Mono.just(Optional.empty());
        }
        return writes.slugTaken(requested).flatMap(taken -> taken ? Mono.error(new CatalogErrors.SlugTaken(requested))
                : Mono.just(Optional.of(requested)));
    }

    private Mono<String> insertWithSlug(UUID merchantId, UUID id, ValidProduct product, int attempt) {
        if (product.slug() != null) {
            return writes.insertProduct(id, merchantId, product.slug(), product)
                    .flatMap(inserted -> inserted ? Mono.just(product.slug())
                            : Mono.error(new CatalogErrors.SlugTaken(product.slug())));
        }
        String base = Slugs.of(product.title(), "product");
        Mono<String> candidate = attempt >= MAX_SLUG_ATTEMPTS
                ? Mono.just(base + "-" + Ids.newId().toString().substring(24))
                : writes.slugTaken(base).flatMap(taken -> !taken ? Mono.just(base)
                        : writes.highestSlugSuffix(base).map(n -> base + "-" + (Math.max(n, 1) + 1)));
        return candidate.flatMap(slug -> writes.insertProduct(id, merchantId, slug, product)
                .flatMap(inserted -> inserted ? Mono.just(slug)
                        : attempt > MAX_SLUG_ATTEMPTS ? Mono.error(new CatalogErrors.SlugTaken(slug))
                        : insertWithSlug(merchantId, id, product, attempt + 1)));
    }
}
