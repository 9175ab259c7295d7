package dev.surge.catalog;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The catalog's running rating of each product (count and sum of its published reviews), which product pages,
 * lists, the rating sort and the rating filter read. The reviews module owns reviews and moves these figures;
 * the catalog only shows them, so a read never aggregates reviews.
 */
public interface CatalogRatings {

    /** What a review of a product is attached to: the product's merchant (who moderates it). */
    record RatedProduct(UUID productId, UUID merchantId) {
    }

    /** The product reviews may be written about; empty when there is no such product. */
    Mono<RatedProduct> product(UUID productId);

    /**
     * Adds {@code countDelta} published reviews worth {@code sumDelta} stars in total to the product (negative to
     * take them away), and tells caches the product changed ({@link ProductChanged} through the outbox). Must run
     * inside the caller's transaction, the one that changed the review, so the figures move exactly when it commits.
     */
    Mono<Void> adjust(UUID productId, int countDelta, int sumDelta);
}
