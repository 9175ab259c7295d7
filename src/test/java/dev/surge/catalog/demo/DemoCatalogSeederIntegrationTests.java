package dev.surge.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class DemoCatalogSeederIntegrationTests extends IntegrationTest {

    @Autowired
    DemoCatalogSeeder seeder;
    @Autowired
    DatabaseClient db;

    @Test
    void topsTheCatalogUpToTheTargetWithCompleteProducts() {
        long before = count("SELECT count(*) AS n FROM products");
        long target = before + 2 * DemoCatalogSeeder.CHUNK + 17;

        assertThat(seeder.seed((int) target).block(Duration.ofSeconds(60))).isEqualTo(target - before);
        assertThat(count("SELECT count(*) AS n FROM products")).isEqualTo(target);
        assertThat(seeder.seed((int) target).block(Duration.ofSeconds(10))).isZero();

        assertThat(count("SELECT count(*) AS n FROM products p WHERE NOT EXISTS "
                + "(SELECT 1 FROM product_variants v WHERE v.product_id = p.id)")).isZero();
        // Only seeded products: other tests create products through the management API, without images.
        assertThat(count("SELECT count(*) AS n FROM products p JOIN merchants m ON m.id = p.merchant_id "
                + "WHERE m.slug LIKE 'demo-%' AND NOT EXISTS "
                + "(SELECT 1 FROM product_images i WHERE i.product_id = p.id)")).isZero();
        assertThat(count("SELECT count(*) AS n FROM products p WHERE p.price_minor <> "
                + "(SELECT min(v.price_minor) FROM product_variants v WHERE v.product_id = p.id)")).isZero();
        assertThat(count("SELECT count(*) AS n FROM categories WHERE slug = 'audio'")).isOne();
        assertThat(count("SELECT count(*) AS n FROM search_lexicon WHERE word = 'headphones'")).isOne();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block();
    }
}
