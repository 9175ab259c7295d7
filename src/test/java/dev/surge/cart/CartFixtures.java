package dev.surge.cart;

import dev.surge.platform.persistence.Ids;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/** Catalog rows for cart tests: one variant per call, with its own merchant and product. */
final class CartFixtures {

    private final DatabaseClient db;

    CartFixtures(DatabaseClient db) {
        this.db = db;
    }

    /** A purchasable variant priced {@code price} minor units of {@code currency} with {@code stock} units. */
    UUID variant(int stock, long price, String currency) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID merchant = Ids.newId();
        UUID category = Ids.newId();
        UUID product = Ids.newId();
        UUID variant = Ids.newId();
        db.sql("INSERT INTO merchants (id, slug, name) VALUES (:id, :slug, 'Cart test shop')")
                .bind("id", merchant).bind("slug", "cart-shop-" + suffix).then().block();
        db.sql("INSERT INTO categories (id, slug, name) VALUES (:id, :slug, 'Cart test')")
                .bind("id", category).bind("slug", "cart-cat-" + suffix).then().block();
        db.sql("""
                INSERT INTO products (id, merchant_id, category_id, slug, title, price_minor, currency)
                VALUES (:id, :merchant, :category, :slug, 'Trail runner', :price, :currency)""")
                .bind("id", product).bind("merchant", merchant).bind("category", category)
                .bind("slug", "cart-product-" + suffix).bind("price", price).bind("currency", currency).then().block();
        db.sql("""
                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, stock_on_hand)
                VALUES (:id, :product, :sku, 'Size 42', :price, :currency, :stock)""")
                .bind("id", variant).bind("product", product).bind("sku", "CART-" + suffix)
                .bind("price", price).bind("currency", currency).bind("stock", stock).then().block();
        return variant;
    }

    UUID variant(int stock, long price) {
        return variant(stock, price, "USD");
    }

    void setPrice(UUID variant, long price) {
        db.sql("UPDATE product_variants SET price_minor = :price WHERE id = :id")
                .bind("price", price).bind("id", variant).then().block();
    }

    void archiveProductOf(UUID variant) {
        db.sql("UPDATE products SET status = 'ARCHIVED' WHERE id = (SELECT product_id FROM product_variants WHERE id = :id)")
                .bind("id", variant).then().block();
    }

    /** The units per variant of the user's cart as written behind to PostgreSQL. */
    java.util.Map<UUID, Integer> storedItems(UUID userId) {
        return db.sql("SELECT variant_id, quantity FROM cart_items WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> java.util.Map.entry(row.get("variant_id", UUID.class), row.get("quantity", Integer.class)))
                .all().collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue).block();
    }
}
