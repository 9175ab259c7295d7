package dev.surge.orders;

import dev.surge.support.CatalogRows;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/** Catalog and account rows for order tests: each call makes its own merchant, product and variant. */
final class OrderFixtures {

    private final DatabaseClient db;
    private final CatalogRows rows;

    OrderFixtures(DatabaseClient db) {
        this.db = db;
        this.rows = new CatalogRows(db);
    }

    record Variant(UUID id, UUID merchantId) {
    }

    Variant variant(int stock, long price, String currency, Integer weightGrams) {
        CatalogRows.Variant made = rows.variant(stock, price, currency, weightGrams);
        return new Variant(made.id(), made.merchantId());
    }

    /** A customer account (orders reference their customer); its email is {@code buyer-<id>@example.com}. */
    UUID customer() {
        return user("CUSTOMER", null);
    }

    UUID user(String role, UUID merchant) {
        return rows.user(role, merchant, "buyer");
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
