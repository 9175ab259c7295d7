package dev.surge.inventory;

import dev.surge.platform.persistence.Ids;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/** Catalog rows for inventory tests: a merchant, a product and one variant with a listed stock. */
final class InventoryFixtures {

    private final DatabaseClient db;

    InventoryFixtures(DatabaseClient db) {
        this.db = db;
    }

    /** A new variant priced {@code price} USD whose catalog listing shows {@code stock} units. */
    UUID variant(int stock, long price) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID merchant = Ids.newId();
        UUID category = Ids.newId();
        UUID product = Ids.newId();
        UUID variant = Ids.newId();
        db.sql("INSERT INTO merchants (id, slug, name) VALUES (:id, :slug, 'Inventory test shop')")
                .bind("id", merchant).bind("slug", "inv-shop-" + suffix).then().block();
        db.sql("INSERT INTO categories (id, slug, name) VALUES (:id, :slug, 'Inventory test')")
                .bind("id", category).bind("slug", "inv-cat-" + suffix).then().block();
        db.sql("""
                INSERT INTO products (id, merchant_id, category_id, slug, title, price_minor, currency)
                VALUES (:id, :merchant, :category, :slug, 'Limited sneaker', :price, 'USD')""")
                .bind("id", product).bind("merchant", merchant).bind("category", category)
                .bind("slug", "inv-product-" + suffix).bind("price", price).then().block();
        db.sql("""
                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, stock_on_hand)
                VALUES (:id, :product, :sku, 'One size', :price, 'USD', :stock)""")
                .bind("id", variant).bind("product", product).bind("sku", "INV-" + suffix)
                .bind("price", price).bind("stock", stock).then().block();
        return variant;
    }

    record Stock(int onHand, int reserved) {
    }

    Stock stock(UUID variant) {
        return db.sql("SELECT on_hand, reserved FROM inventory_stock WHERE variant_id = :v").bind("v", variant)
                .map(row -> new Stock(row.get("on_hand", Integer.class), row.get("reserved", Integer.class)))
                .one().block();
    }

    record Sale(int quantity, int taken, int sold) {
    }

    Sale sale(UUID sale) {
        return db.sql("SELECT quantity, taken, sold FROM flash_sales WHERE id = :id").bind("id", sale)
                .map(row -> new Sale(row.get("quantity", Integer.class), row.get("taken", Integer.class),
                        row.get("sold", Integer.class)))
                .one().block();
    }

    /** Lines of the reservations of {@code owner}, as PostgreSQL has them. */
    int reservationLines(String owner) {
        return db.sql("""
                SELECT count(*)::int AS n FROM stock_reservations r
                JOIN stock_reservation_lines l ON l.reservation_id = r.id WHERE r.owner = :owner""")
                .bind("owner", owner).map(row -> row.get("n", Integer.class)).one().block();
    }

    /** Units in active or confirmed reservations of a sale, counted from the reservation rows. */
    int heldInSale(UUID sale) {
        return db.sql("""
                SELECT coalesce(sum(l.quantity), 0)::int AS units FROM stock_reservations r
                JOIN stock_reservation_lines l ON l.reservation_id = r.id
                WHERE r.flash_sale_id = :id AND r.status IN ('ACTIVE', 'CONFIRMED')""")
                .bind("id", sale).map(row -> row.get("units", Integer.class)).one().block();
    }
}
