package dev.surge.catalog.domain;

import dev.surge.catalog.data.CategoryWrites;
import dev.surge.catalog.data.ListingCache;
import dev.surge.catalog.data.ListingCache.Scope;
import dev.surge.catalog.data.ProductDetailCache;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a catalog change makes stale in Redis, in one place. Writers call it right after their commit, so
 * the writer's next read (and everyone's) sees the change; the change's event calls it again from the
 * Kafka consumer, which covers a writer that died between commit and invalidation and any writer outside
 * this module. Both are idempotent.
 */
@Component
public class CatalogCaches {

    private static final Logger log = LoggerFactory.getLogger(CatalogCaches.class);

    private final ProductDetailCache details;
    private final ListingCache listings;
    private final CategoryWrites categories;

    CatalogCaches(ProductDetailCache details, ListingCache listings, CategoryWrites categories) {
        this.details = details;
        this.listings = listings;
        this.categories = categories;
    }

    /** A product's page and every list it may appear in. Errors propagate (event handlers retry on them). */
    public Mono<Void> productChanged(UUID productId, Collection<String> slugs) {
        return details.evict(productId, slugs).then(listings.invalidate(Scope.LISTINGS));
    }

    /** The tree, every list, and the pages of the category's products (they show its name and slug). */
    public Mono<Void> categoryChanged(UUID categoryId) {
        return listings.invalidate(Scope.CATEGORIES, Scope.LISTINGS)
                .thenMany(categories.products(categoryId))
                .flatMap(product -> details.evict(product.id(), List.of(product.slug())), 16)
                .then();
    }

    /**
     * Every list, and the pages of the merchant's products: a suspended merchant's products leave the storefront
     * (the statements that build pages and lists skip them), a reinstated one's come back.
     */
    public Mono<Void> merchantChanged(UUID merchantId) {
        return listings.invalidate(Scope.LISTINGS)
                .thenMany(categories.merchantProducts(merchantId))
                .flatMap(product -> details.evict(product.id(), List.of(product.slug())), 16)
                .then();
    }

    /** For writers after their commit: a Redis failure is logged, not returned (the event retries it). */
    Mono<Void> afterCommit(Mono<Void> invalidation) {
        return invalidation.onErrorResume(e -> {
            log.warn("Cache invalidation after a catalog change failed; the change's event will retry it: {}", e.toString());
            return Mono.empty();
        });
    }

    /** The current generation of cached lists, or of the category tree; empty when Redis is not answering. */
    public Mono<String> generation(boolean categoryTree) {
        return listings.generation(scope(categoryTree));
    }

    public Mono<String> cached(boolean categoryTree, String generation, String key) {
        return listings.get(scope(categoryTree), generation, key);
    }

    public Mono<Void> store(boolean categoryTree, String generation, String key, String value) {
        return listings.put(scope(categoryTree), generation, key, value);
    }

    private static Scope scope(boolean categoryTree) {
        return categoryTree ? Scope.CATEGORIES : Scope.LISTINGS;
    }
}
