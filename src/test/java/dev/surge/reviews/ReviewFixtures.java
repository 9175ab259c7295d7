package dev.surge.reviews;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.CatalogRows;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Rows for review tests: a product of its own merchant, customers, and orders of a product in a given status
 * written straight into PostgreSQL (how an order got delivered is the orders module's business and its tests').
 */
final class ReviewFixtures {

    private final DatabaseClient db;
    private final CatalogRows rows;
    private final AccessTokens tokens;

    ReviewFixtures(DatabaseClient db, AccessTokens tokens) {
        this.db = db;
        this.rows = new CatalogRows(db);
        this.tokens = tokens;
    }

    record Product(UUID id, UUID variantId, UUID merchantId) {
    }

    Product product() {
        return productOf(rows.merchant());
    }

    Product productOf(UUID merchant) {
        CatalogRows.Variant variant = rows.variantOf(merchant, 5, 2_500, "USD", null);
        UUID product = db.sql("SELECT product_id FROM product_variants WHERE id = :id").bind("id", variant.id())
                .map(row -> row.get("product_id", UUID.class)).one().block();
        return new Product(product, variant.id(), merchant);
    }

    UUID customer() {
        return rows.user("CUSTOMER", null, "reviewer");
    }

    /** A customer who received the product: an order of it in DELIVERED. */
    UUID buyerOf(Product product) {
        UUID customer = customer();
        order(customer, product, "DELIVERED");
        return customer;
    }

    void order(UUID customer, Product product, String status) {
        UUID order = Ids.newId();
        boolean delivered = "DELIVERED".equals(status);
        db.sql("""
                INSERT INTO orders (id, number, customer_id, idempotency_scope, idempotency_key, status, currency,
                                    item_count, subtotal_minor, tax_minor, shipping_minor, total_minor,
                                    prices_include_tax, tax_rate, shipping_address, billing_address, expires_at,
                                    paid_at, paid_minor, delivered_at)
                VALUES (:id, :number, :customer, 'test', :key, :status, 'USD', 1, 2500, 0, 0, 2500, true, 0,
                        '{}', '{}', now(), now(), 2500, """ + (delivered ? "now()" : "NULL") + ")")
                .bind("id", order).bind("number", "T-" + order).bind("customer", customer)
                .bind("key", order.toString()).bind("status", status).then().block();
        db.sql("""
                INSERT INTO order_lines (order_id, line_no, variant_id, product_id, merchant_id, sku, product_title,
                                         variant_title, quantity, unit_price_minor, line_total_minor, tax_minor, created_at)
                VALUES (:order, 1, :variant, :product, :merchant, 'SKU', 'Desk lamp', 'Brass', 1, 2500, 2500, 0, now())""")
                .bind("order", order).bind("variant", product.variantId()).bind("product", product.id())
                .bind("merchant", product.merchantId()).then().block();
    }

    String customerToken(UUID customer) {
        return token(customer, "CUSTOMER", null);
    }

    String sellerToken(UUID merchant) {
        return token(rows.user("SELLER", merchant, "seller"), "SELLER", merchant);
    }

    String adminToken() {
        return token(UUID.randomUUID(), "ADMIN", null);
    }

    private String token(UUID user, String role, UUID merchant) {
        return tokens.issue(user, UUID.randomUUID(), role, merchant).block().value();
    }

    long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }
}
