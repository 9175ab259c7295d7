package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import dev.surge.platform.persistence.Ids;
import io.r2dbc.spi.Parameters;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Writes catalog rows straight into PostgreSQL for tests (the write API arrives with catalog
 * management). Every name is made unique, so tests never see each other's data.
 */
final class CatalogFixtures {

    private final DatabaseClient db;

    private final ListingCache listings;

    /**
     * {@code listings}: these rows are written behind the API, so every write drops the cached first pages
     * and category tree the way a catalog writer does; otherwise a test could read another test's cached page.
     */
    CatalogFixtures(DatabaseClient db, ListingCache listings) {
        this.db = db;
        this.listings = listings;
    }

    private void changed() {
        listings.invalidate(ListingCache.Scope.LISTINGS, ListingCache.Scope.CATEGORIES).block();
    }

    record Merchant(UUID id, String slug) {
    }

    record Product(UUID id, String slug, String title) {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Merchant merchant() {
        Merchant merchant = new Merchant(Ids.newId(), unique("merchant"));
        db.sql("INSERT INTO merchants (id, slug, name) VALUES (:id, :slug, :name)")
                .bind("id", merchant.id()).bind("slug", merchant.slug()).bind("name", "Shop " + merchant.slug())
                .then().block();
        return merchant;
    }

    UUID category(UUID parent, String slug) {
        UUID id = Ids.newId();
        db.sql("INSERT INTO categories (id, parent_id, slug, name) VALUES (:id, :parent, :slug, :name)")
                .bind("id", id).bind("parent", parent == null ? Parameters.in(UUID.class) : parent)
                .bind("slug", slug).bind("name", slug)
                .then().block();
        changed();
        return id;
    }

    Product product(Merchant merchant, UUID category, String title, long price, int stock, boolean featured) {
        return product(merchant, category, title, "A fine product for testing.", price, "USD", stock, featured);
    }

    Product product(Merchant merchant, UUID category, String title, String description, long price, String currency,
            int stock, boolean featured) {
        Product product = new Product(Ids.newId(), unique(title.toLowerCase().replaceAll("[^a-z0-9]+", "-")), title);
        db.sql("""
                INSERT INTO products (id, merchant_id, category_id, slug, title, description, featured, price_minor, currency)
                VALUES (:id, :merchant, :category, :slug, :title, :description, :featured, :price, :currency)""")
                .bind("id", product.id()).bind("merchant", merchant.id()).bind("category", category)
                .bind("slug", product.slug()).bind("title", title).bind("description", description)
                .bind("featured", featured).bind("price", price).bind("currency", currency)
                .then().block();
        db.sql("""
                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, attributes, stock_on_hand)
                VALUES (:id, :product, :sku, 'Default', :price, :currency, '{"color":"black"}'::jsonb, :stock)""")
                .bind("id", Ids.newId()).bind("product", product.id()).bind("sku", unique("SKU"))
                .bind("price", price).bind("currency", currency).bind("stock", stock)
                .then().block();
        db.sql("INSERT INTO product_images (id, product_id, url, alt) VALUES (:id, :product, :url, :alt)")
                .bind("id", Ids.newId()).bind("product", product.id())
                .bind("url", "https://images.example.com/" + product.slug() + ".jpg").bind("alt", title)
                .then().block();
        changed();
        return product;
    }

    /** Adds a variant with these attributes (a JSON object), price and stock to an existing product. */
    UUID variant(Product product, String attributesJson, long price, int stock) {
        UUID id = Ids.newId();
        db.sql("""
                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, attributes, stock_on_hand)
                VALUES (:id, :product, :sku, :title, :price, 'USD', CAST(:attributes AS jsonb), :stock)""")
                .bind("id", id).bind("product", product.id()).bind("sku", unique("SKU")).bind("title", attributesJson)
                .bind("price", price).bind("attributes", attributesJson).bind("stock", stock)
                .then().block();
        changed();
        return id;
    }
}
