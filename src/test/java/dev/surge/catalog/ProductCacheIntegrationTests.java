package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.catalog.CatalogFixtures.Product;
import dev.surge.platform.events.Outbox;
import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Product pages are served from Redis and dropped when a ProductChanged event travels outbox → Kafka → consumer. */
class ProductCacheIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    Outbox outbox;
    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void productChangedEventInvalidatesTheCachedPage() {
        CatalogFixtures fixtures = new CatalogFixtures(db, listingCache);
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        Product product = fixtures.product(fixtures.merchant(), category, "Cached Chair", 9_900, 2, false);

        assertThat(title(product.slug())).isEqualTo("Cached Chair");
        assertThat(redis.hasKey("surge:catalog:page:" + product.id()).block()).isTrue();

        // A change written without an event is not seen: the page comes from Redis.
        db.sql("UPDATE products SET title = 'Renamed Chair' WHERE id = :id").bind("id", product.id()).then().block();
        assertThat(title(product.slug())).isEqualTo("Cached Chair");

        // The same kind of change with its event in the same transaction is seen once the event is consumed.
        db.sql("UPDATE products SET title = 'Renamed Chair Again' WHERE id = :id").bind("id", product.id()).then()
                .then(outbox.append(new ProductChanged(product.id(), List.of(product.slug()))))
                .as(tx::transactional)
                .block();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(title(product.slug())).isEqualTo("Renamed Chair Again"));
        assertThat(title(product.id().toString())).isEqualTo("Renamed Chair Again");
    }

    private String title(String idOrSlug) {
        return http.get().uri("/api/v1/products/" + idOrSlug).exchange()
                .expectStatus().isOk()
                .expectBody(ProductTitle.class).returnResult().getResponseBody().title();
    }

    record ProductTitle(String title) {
    }
}
