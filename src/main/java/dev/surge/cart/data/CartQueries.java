package dev.surge.cart.data;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Signed-in carts in PostgreSQL: the copy written behind from Redis, read only to restore a lost cart. */
@Repository
public class CartQueries {

    private final DatabaseClient db;

    CartQueries(DatabaseClient db) {
        this.db = db;
    }

    /** The stored cart of a user; empty when none was ever written. */
    public Mono<StoredCart> find(UUID userId) {
        Mono<List<StoredCart.Line>> lines = db.sql("""
                SELECT variant_id, quantity, price_seen_minor, position FROM cart_items
                WHERE user_id = :user ORDER BY position""")
                .bind("user", userId)
                .map(row -> new StoredCart.Line(row.get("variant_id", UUID.class), row.get("quantity", Integer.class),
                        row.get("price_seen_minor", Long.class), row.get("position", Long.class)))
                .all().collectList();
        return db.sql("SELECT currency, version, next_position, created_at, coupon_code FROM carts WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> new StoredCart(row.get("created_at", OffsetDateTime.class).toInstant(),
                        row.get("currency", String.class), row.get("version", Long.class),
                        row.get("next_position", Long.class), List.of(), row.get("coupon_code", String.class)))
                .one()
                .zipWith(lines, (cart, items) -> new StoredCart(cart.created(), cart.currency(), cart.version(),
                        cart.sequence(), items, cart.coupon()));
    }

    /**
     * Replaces the stored cart with {@code cart} unless the stored one is as new or newer (same or higher
     * version): two instances writing the same cart in the wrong order keep the newer. Run in a
     * transaction. True when written.
     */
    public Mono<Boolean> write(UUID userId, StoredCart cart) {
        DatabaseClient.GenericExecuteSpec upsert = db.sql("""
                INSERT INTO carts (user_id, currency, version, next_position, created_at, coupon_code, updated_at)
                VALUES (:user, :currency, :version, :next, :created, :coupon, now())
                ON CONFLICT (user_id) DO UPDATE SET currency = EXCLUDED.currency, version = EXCLUDED.version,
                    next_position = EXCLUDED.next_position, coupon_code = EXCLUDED.coupon_code, updated_at = now()
                WHERE carts.version < EXCLUDED.version
                RETURNING user_id""")
                .bind("user", userId);
        upsert = cart.currency() == null ? upsert.bindNull("currency", String.class) : upsert.bind("currency", cart.currency());
        upsert = cart.coupon() == null ? upsert.bindNull("coupon", String.class) : upsert.bind("coupon", cart.coupon());
        return upsert.bind("version", cart.version())
                .bind("next", cart.sequence())
                .bind("created", OffsetDateTime.ofInstant(cart.created(), ZoneOffset.UTC))
                .map(row -> row.get("user_id", UUID.class))
                .one()
                .flatMap(written -> db.sql("DELETE FROM cart_items WHERE user_id = :user").bind("user", userId).then()
                        .then(insertLines(userId, cart.lines()))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    /** Deletes the user's stored cart and its lines; emits how many carts (0 or 1). */
    public Mono<Long> delete(UUID userId) {
        return db.sql("DELETE FROM carts WHERE user_id = :user").bind("user", userId).fetch().rowsUpdated();
    }

    private Mono<Void> insertLines(UUID userId, List<StoredCart.Line> lines) {
        if (lines.isEmpty()) {
            return Mono.empty();
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO cart_items (user_id, variant_id, quantity, price_seen_minor, position) VALUES ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:user, :v").append(i).append(", :q").append(i)
                    .append(", :p").append(i).append(", :o").append(i).append(')');
        }
        DatabaseClient.GenericExecuteSpec insert = db.sql(sql.toString()).bind("user", userId);
        for (int i = 0; i < lines.size(); i++) {
            StoredCart.Line line = lines.get(i);
            insert = insert.bind("v" + i, line.variantId()).bind("q" + i, line.quantity())
                    .bind("p" + i, line.priceSeenMinor()).bind("o" + i, line.position());
        }
        return insert.then();
    }
}
