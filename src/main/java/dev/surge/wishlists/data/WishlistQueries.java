package dev.surge.wishlists.data;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The wishlists' SQL. What a customer was last told about a variant moves only by conditional updates that
 * answer the rows they moved, so two consumers (or a redelivered event) never alert for the same change.
 */
@Repository
public class WishlistQueries {

    private final DatabaseClient db;

    WishlistQueries(DatabaseClient db) {
        this.db = db;
    }

    /** A wished variant as stored: whether alerts are on, and when it was added. */
    public record ItemRow(UUID variantId, UUID productId, boolean alerts, Instant addedAt) {
    }

    /** What a customer sees of a variant when adding it (or turning alerts on): the baseline of later alerts. */
    public record Seen(UUID productId, long priceMinor, String currency, boolean inStock) {
    }

    /** A customer to tell (or not, with alerts off) and what they had seen. */
    public record Moved(UUID userId, boolean alerts, long wasPriceMinor, boolean wasInStock) {
    }

    /**
     * Adds the variant, or changes an existing one's alert setting (the baseline becomes what is seen now); false
     * when the list already holds {@code max} other variants.
     */
    public Mono<Boolean> put(UUID userId, UUID variantId, boolean alerts, Seen seen, int max) {
        return db.sql("""
                UPDATE wishlist_items SET notify = :notify, seen_price_minor = :price, currency = :currency,
                       seen_in_stock = :inStock
                WHERE user_id = :user AND variant_id = :variant""")
                .bind("user", userId).bind("variant", variantId).bind("notify", alerts)
                .bind("price", seen.priceMinor()).bind("currency", seen.currency()).bind("inStock", seen.inStock())
                .fetch().rowsUpdated()
                .flatMap(updated -> updated > 0 ? Mono.just(true) : db.sql("""
                        INSERT INTO wishlist_items (user_id, variant_id, product_id, notify, seen_price_minor, currency,
                                                    seen_in_stock)
                        SELECT :user, :variant, :product, :notify, :price, :currency, :inStock
                        WHERE (SELECT count(*) FROM wishlist_items WHERE user_id = :user) < :max
                        ON CONFLICT (user_id, variant_id) DO NOTHING""")
                        .bind("user", userId).bind("variant", variantId).bind("product", seen.productId())
                        .bind("notify", alerts).bind("price", seen.priceMinor()).bind("currency", seen.currency())
                        .bind("inStock", seen.inStock()).bind("max", (long) max)
                        .fetch().rowsUpdated()
                        .map(inserted -> inserted > 0));
    }

    /** The customer's wished variants, newest first. */
    public Flux<ItemRow> items(UUID userId, int max) {
        return db.sql("""
                SELECT variant_id, product_id, notify, created_at FROM wishlist_items
                WHERE user_id = :user ORDER BY created_at DESC, variant_id LIMIT :max""")
                .bind("user", userId).bind("max", max)
                .map(row -> new ItemRow(row.get("variant_id", UUID.class), row.get("product_id", UUID.class),
                        Boolean.TRUE.equals(row.get("notify", Boolean.class)),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Whether there was such an item to remove. */
    public Mono<Boolean> remove(UUID userId, UUID variantId) {
        return db.sql("DELETE FROM wishlist_items WHERE user_id = :user AND variant_id = :variant")
                .bind("user", userId).bind("variant", variantId)
                .fetch().rowsUpdated().map(deleted -> deleted > 0);
    }

    /** Deletes the customer's whole wishlist; answers how many items it had. */
    public Mono<Long> removeAll(UUID userId) {
        return db.sql("DELETE FROM wishlist_items WHERE user_id = :user").bind("user", userId).fetch().rowsUpdated();
    }

    /** Variants of the product that someone wants alerts about. */
    public Flux<UUID> watchedVariants(UUID productId) {
        return db.sql("SELECT DISTINCT variant_id FROM wishlist_items WHERE product_id = :product AND notify")
                .bind("product", productId).map(row -> row.get("variant_id", UUID.class)).all();
    }

    /**
     * Records that the variant is (not) in stock as of inventory's row {@code version}, on every alerting item not
     * already told this or something newer; answers the items it moved, with what they had seen.
     */
    public Flux<Moved> stockSeen(UUID variantId, boolean inStock, long version) {
        return db.sql("""
                UPDATE wishlist_items w SET seen_in_stock = :inStock, stock_version = :version
                FROM (SELECT user_id, variant_id, seen_in_stock, seen_price_minor FROM wishlist_items
                      WHERE variant_id = :variant AND notify AND stock_version < :version
                      ORDER BY user_id FOR UPDATE) old
                WHERE w.user_id = old.user_id AND w.variant_id = old.variant_id
                RETURNING w.user_id, w.notify, old.seen_in_stock, old.seen_price_minor""")
                .bind("variant", variantId).bind("inStock", inStock).bind("version", version)
                .map(row -> new Moved(row.get("user_id", UUID.class), Boolean.TRUE.equals(row.get("notify", Boolean.class)),
                        row.get("seen_price_minor", Long.class), Boolean.TRUE.equals(row.get("seen_in_stock", Boolean.class))))
                .all();
    }

    /** Records the variant's current price on every alerting item that had seen another; answers those it moved. */
    public Flux<Moved> priceSeen(UUID variantId, long priceMinor, String currency) {
        return db.sql("""
                UPDATE wishlist_items w SET seen_price_minor = :price
                FROM (SELECT user_id, variant_id, seen_in_stock, seen_price_minor FROM wishlist_items
                      WHERE variant_id = :variant AND notify AND currency = :currency AND seen_price_minor <> :price
                      ORDER BY user_id FOR UPDATE) old
                WHERE w.user_id = old.user_id AND w.variant_id = old.variant_id
                RETURNING w.user_id, w.notify, old.seen_in_stock, old.seen_price_minor""")
                .bind("variant", variantId).bind("price", priceMinor).bind("currency", currency)
                .map(row -> new Moved(row.get("user_id", UUID.class), Boolean.TRUE.equals(row.get("notify", Boolean.class)),
                        row.get("seen_price_minor", Long.class), Boolean.TRUE.equals(row.get("seen_in_stock", Boolean.class))))
                .all();
    }
}
