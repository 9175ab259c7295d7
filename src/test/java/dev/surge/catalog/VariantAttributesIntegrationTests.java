package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.catalog.CatalogFixtures.Product;
import dev.surge.platform.persistence.Ids;
import dev.surge.support.IntegrationTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/** The triggers that keep products.attribute_terms in step with variants, under concurrent writers. */
class VariantAttributesIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;

    @Autowired
    TransactionalOperator tx;

    @Test
    void concurrentVariantInsertsOfOneProductAllReachItsAttributes() {
        CatalogFixtures fixtures = new CatalogFixtures(db, listingCache);
        Product product = fixtures.product(fixtures.merchant(), fixtures.category(null, CatalogFixtures.unique("cat")),
                "Concurrent Shirt", 1_000, 1, false);
        int writers = 100;

        // each in its own transaction, many at once: a trigger computing from a snapshot that lacks a
        // concurrent writer's variant would lose that value
        // ids and SKUs made here: SecureRandom reads /dev/urandom, which must not happen on an event loop
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            rows.add(new String[] {Ids.newId().toString(), CatalogFixtures.unique("SKU"), "S" + i});
        }
        Flux.fromIterable(rows)
                .flatMap(row -> db.sql("""
                                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, attributes)
                                VALUES (:id, :product, :sku, 'v', 1000, 'USD', jsonb_build_object('size', :size))""")
                        .bind("id", java.util.UUID.fromString(row[0])).bind("product", product.id()).bind("sku", row[1])
                        .bind("size", row[2])
                        .then().as(tx::transactional), 32)
                .blockLast();

        String[] terms = db.sql("SELECT attribute_terms FROM products WHERE id = :id").bind("id", product.id())
                .map(row -> row.get("attribute_terms", String[].class)).one().block();
        assertThat(Arrays.stream(terms).filter(t -> t.startsWith("size=")).count()).isEqualTo(writers);
        assertThat(terms).contains("color=black");
        Long matching = db.sql("SELECT count(*) AS n FROM products WHERE id = :id AND variant_attributes @? '$[*] ? (@.size == \"S42\")'")
                .bind("id", product.id()).map(row -> row.get("n", Long.class)).one().block();
        assertThat(matching).isEqualTo(1L);
    }
}
