package dev.surge.support;

import dev.surge.platform.persistence.Ids;
import io.r2dbc.spi.Parameters;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Rows written straight into PostgreSQL for tests that need something to buy or someone to buy it: a
 * merchant, a variant of its own product (in its own category), an account. Every call makes unique slugs,
 * SKUs and emails, so tests never share rows.
 */
public final class CatalogRows {

    private final DatabaseClient db;

    public CatalogRows(DatabaseClient db) {
        this.db = db;
    }

    public record Variant(UUID id, UUID merchantId) {
    }

    public UUID merchant() {
        UUID merchant = Ids.newId();
        db.sql("INSERT INTO merchants (id, slug, name) VALUES (:id, :slug, 'Test shop')")
                .bind("id", merchant).bind("slug", "shop-" + suffix()).then().block();
        return merchant;
    }

    /** A purchasable variant of a new product of a new merchant. */
    public Variant variant(int stock, long price, String currency, Integer weightGrams) {
        return variantOf(merchant(), stock, price, currency, weightGrams);
    }

    /** A purchasable variant of a new product of {@code merchant}; {@code weightGrams} may be null. */
    public Variant variantOf(UUID merchant, int stock, long price, String currency, Integer weightGrams) {
        String suffix = suffix();
        UUID category = Ids.newId();
        UUID product = Ids.newId();
        UUID variant = Ids.newId();
        db.sql("INSERT INTO categories (id, slug, name) VALUES (:id, :slug, 'Test category')")
                .bind("id", category).bind("slug", "cat-" + suffix).then().block();
        db.sql("""
                INSERT INTO products (id, merchant_id, category_id, slug, title, price_minor, currency)
                VALUES (:id, :merchant, :category, :slug, 'Desk lamp', :price, :currency)""")
                .bind("id", product).bind("merchant", merchant).bind("category", category)
                .bind("slug", "product-" + suffix).bind("price", price).bind("currency", currency).then().block();
        db.sql("""
                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, stock_on_hand, weight_grams)
                VALUES (:id, :product, :sku, 'Brass', :price, :currency, :stock, :weight)""")
                .bind("id", variant).bind("product", product).bind("sku", "SKU-" + suffix)
                .bind("price", price).bind("currency", currency).bind("stock", stock)
                .bind("weight", weightGrams == null ? Parameters.in(Integer.class) : weightGrams)
                .then().block();
        return new Variant(variant, merchant);
    }

    /** An account with {@code role} (sellers need their merchant), email {@code <emailPrefix>-<id>@example.com}. */
    public UUID user(String role, UUID merchant, String emailPrefix) {
        UUID id = Ids.newId();
        db.sql("""
                INSERT INTO users (id, email, display_name, password_hash, role, merchant_id)
                VALUES (:id, :email, 'Tester', 'not-a-hash', :role, :merchant)""")
                .bind("id", id).bind("email", emailPrefix + "-" + id + "@example.com").bind("role", role)
                .bind("merchant", merchant == null ? Parameters.in(UUID.class) : merchant)
                .then().block();
        return id;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
