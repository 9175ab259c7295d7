package dev.surge.orders;

import dev.surge.platform.persistence.Ids;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/** Catalog and account rows for order tests: each call makes its own merchant, product and variant. */
final class OrderFixtures {

    private final DatabaseClient db;

    OrderFixtures(DatabaseClient db) {
        this.db = db;
    }

    record Variant(UUID id, UUID merchantId) {
    }

    Variant variant(int stock, long price, String currency, Integer weightGrams) {
        return variantOf(merchant(), stock, price, currency, weightGrams);
    }

    UUID merchant() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID merchant = Ids.newId();
        db.sql("INSERT INTO merchants (id, slug, name) VALUES (:id, :slug, 'Order test shop')")
                .bind("id", merchant).bind("slug", "order-shop-" + suffix).then().block();
        return merchant;
    }

    Variant variantOf(UUID merchant, int stock, long price, String currency, Integer weightGrams) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID category = Ids.newId();
        UUID product = Ids.newId();
        UUID variant = Ids.newId();
        db.sql("INSERT INTO categories (id, slug, name) VALUES (:id, :slug, 'Order test')")
                .bind("id", category).bind("slug", "order-cat-" + suffix).then().block();
        db.sql("""
                INSERT INTO products (id, merchant_id, category_id, slug, title, price_minor, currency)
                VALUES (:id, :merchant, :category, :slug, 'Desk lamp', :price, :currency)""")
                .bind("id", product).bind("merchant", merchant).bind("category", category)
                .bind("slug", "order-product-" + suffix).bind("price", price).bind("currency", currency).then().block();
        var insert = db.sql("""
                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, stock_on_hand, weight_grams)
                VALUES (:id, :product, :sku, 'Brass', :price, :currency, :stock, :weight)""")
                .bind("id", variant).bind("product", product).bind("sku", "ORD-" + suffix)
                .bind("price", price).bind("currency", currency).bind("stock", stock);
        insert = weightGrams == null ? insert.bind("weight", io.r2dbc.spi.Parameters.in(Integer.class))
                : insert.bind("weight", weightGrams);
        insert.then().block();
        return new Variant(variant, merchant);
    }

    /** A customer account (orders reference their customer). */
    UUID customer() {
        return user("CUSTOMER", null);
    }

    UUID user(String role, UUID merchant) {
        UUID id = Ids.newId();
        var insert = db.sql("""
                INSERT INTO users (id, email, display_name, password_hash, role, merchant_id)
                VALUES (:id, :email, 'Order tester', 'not-a-hash', :role, :merchant)""")
                .bind("id", id).bind("email", "buyer-" + id + "@example.com").bind("role", role);
        insert = merchant == null ? insert.bind("merchant", io.r2dbc.spi.Parameters.in(UUID.class))
                : insert.bind("merchant", merchant);
        insert.then().block();
        return id;
    }

    record Stock(int onHand, int reserved) {
    }

    Stock stock(UUID variant) {
        return db.sql("SELECT on_hand, reserved FROM inventory_stock WHERE variant_id = :v").bind("v", variant)
                .map(row -> new Stock(row.get("on_hand", Integer.class), row.get("reserved", Integer.class)))
                .one().block();
    }

    long count(String sql, Object id) {
        return db.sql(sql).bind("id", id).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }
}
