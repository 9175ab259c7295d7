package dev.surge.catalog.domain;

import dev.surge.catalog.CatalogRatings;
import dev.surge.catalog.ProductChanged;
import dev.surge.platform.events.Outbox;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code products.rating_count} and {@code rating_sum} by increments in the reviews module's transaction.
 * The version (the management ETag) does not move: a review is not an edit of the product.
 */
@Service
class ProductRatings implements CatalogRatings {

    private final DatabaseClient db;
    private final Outbox outbox;

    ProductRatings(DatabaseClient db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Override
    public Mono<RatedProduct> product(UUID productId) {
        return db.sql("SELECT id, merchant_id FROM products WHERE id = :id")
                .bind("id", productId)
                .map(row -> new RatedProduct(row.get("id", UUID.class), row.get("merchant_id", UUID.class)))
                .one();
    }

    @Override
    public Mono<Void> adjust(UUID productId, int countDelta, int sumDelta) {
        if (countDelta == 0 && sumDelta == 0) {
            return Mono.empty();
        }
        return db.sql("""
                UPDATE products SET rating_count = rating_count + :count, rating_sum = rating_sum + :sum
                WHERE id = :id RETURNING slug""")
                .bind("id", productId).bind("count", countDelta).bind("sum", (long) sumDelta)
                .map(row -> row.get("slug", String.class))
                .one()
                .flatMap(slug -> outbox.append(new ProductChanged(productId, List.of(slug))));
    }
}
