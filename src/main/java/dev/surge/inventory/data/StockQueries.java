package dev.surge.inventory.data;

import dev.surge.platform.persistence.Ids;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stock rows in PostgreSQL. Every change is one conditional statement: the condition is the invariant
 * ({@code reserved <= on_hand}, nothing negative), and an empty answer means the change was refused.
 */
@Repository
public class StockQueries {

    private static final String COLUMNS = "variant_id, on_hand, reserved, low_stock_threshold, version";

    private final DatabaseClient db;

    StockQueries(DatabaseClient db) {
        this.db = db;
    }

    public Mono<StockRow> find(UUID variant) {
        return db.sql("SELECT " + COLUMNS + " FROM inventory_stock WHERE variant_id = :v")
                .bind("v", variant).map(StockQueries::row).one();
    }

    public Flux<StockRow> find(Collection<UUID> variants) {
        return db.sql("SELECT " + COLUMNS + " FROM inventory_stock WHERE variant_id = ANY(:v)")
                .bind("v", variants.toArray(UUID[]::new)).map(StockQueries::row).all();
    }

    /** Creates the row of a variant inventory has not seen yet; the existing row wins a race. */
    public Mono<StockRow> adopt(UUID variant, int onHand, int threshold) {
        return db.sql("""
                INSERT INTO inventory_stock (variant_id, on_hand, low_stock_threshold) VALUES (:v, :onHand, :threshold)
                ON CONFLICT (variant_id) DO NOTHING""")
                .bind("v", variant).bind("onHand", Math.max(0, onHand)).bind("threshold", threshold)
                .then()
                .then(find(variant));
    }

    /** Holds {@code quantity} units if that many are available; empty when they are not. */
    public Mono<StockRow> reserve(UUID variant, int quantity) {
        return change("reserved = reserved + :q", "on_hand - reserved >= :q", variant, quantity);
    }

    public Mono<StockRow> unreserve(UUID variant, int quantity) {
        return change("reserved = reserved - :q", "reserved >= :q", variant, quantity);
    }

    /** Held units leave the warehouse: both on hand and reserved fall. */
    public Mono<StockRow> sell(UUID variant, int quantity) {
        return change("on_hand = on_hand - :q, reserved = reserved - :q", "reserved >= :q", variant, quantity);
    }

    /** Adds {@code delta} (negative: removes) to on hand, never below what is reserved. */
    public Mono<StockRow> adjust(UUID variant, int delta) {
        return change("on_hand = on_hand + :q", "on_hand + :q >= reserved", variant, delta);
    }

    /** Sets on hand to {@code onHand} unless that is below what is reserved; answers the row and the previous on hand. */
    public Mono<SetResult> setOnHand(UUID variant, int onHand) {
        return db.sql("""
                UPDATE inventory_stock s SET on_hand = :onHand, version = s.version + 1, updated_at = now()
                FROM (SELECT variant_id, on_hand FROM inventory_stock WHERE variant_id = :v FOR UPDATE) o
                WHERE s.variant_id = o.variant_id AND s.reserved <= :onHand
                RETURNING s.variant_id, s.on_hand, s.reserved, s.low_stock_threshold, s.version, o.on_hand AS previous""")
                .bind("v", variant).bind("onHand", onHand)
                .map(row -> new SetResult(row(row), row.get("previous", Integer.class)))
                .one();
    }

    public record SetResult(StockRow row, int previousOnHand) {
    }

    public Mono<StockRow> setThreshold(UUID variant, int threshold) {
        return change("low_stock_threshold = :q", "true", variant, threshold);
    }

    private Mono<StockRow> change(String set, String condition, UUID variant, int quantity) {
        return db.sql("UPDATE inventory_stock SET " + set + ", version = version + 1, updated_at = now() "
                        + "WHERE variant_id = :v AND " + condition + " RETURNING " + COLUMNS)
                .bind("v", variant).bind("q", quantity)
                .map(StockQueries::row).one();
    }

    public Mono<Void> movement(UUID variant, int delta, int onHand, String reason, String reference, UUID actor) {
        return db.sql("""
                INSERT INTO stock_movements (id, variant_id, delta, on_hand, reason, reference, actor)
                VALUES (:id, :v, :delta, :onHand, :reason, :reference, :actor)""")
                .bind("id", Ids.newId()).bind("v", variant).bind("delta", delta).bind("onHand", onHand)
                .bind("reason", reason)
                .bind("reference", reference == null ? Parameters.in(String.class) : reference)
                .bind("actor", actor == null ? Parameters.in(UUID.class) : actor)
                .then();
    }

    /**
     * Records that {@code reference} returned units of the variant; false when it already did (a unique
     * index on returns makes this the once-only guard of restocking).
     */
    public Mono<Boolean> firstReturn(UUID variant, int delta, String reference, UUID movementId) {
        return db.sql("""
                INSERT INTO stock_movements (id, variant_id, delta, on_hand, reason, reference)
                VALUES (:id, :v, :delta, 0, 'return', :reference)
                ON CONFLICT (variant_id, reference) WHERE reason = 'return' DO NOTHING""")
                .bind("id", movementId).bind("v", variant).bind("delta", delta).bind("reference", reference)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Fills in the on-hand level a return movement led to. */
    public Mono<Void> returnedTo(UUID movementId, int onHand) {
        return db.sql("UPDATE stock_movements SET on_hand = :onHand WHERE id = :id")
                .bind("id", movementId).bind("onHand", onHand).then();
    }

    /** Stock rows by id, from {@code after} on, for the reconciliation sweep. */
    public Flux<StockRow> page(UUID after, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM inventory_stock WHERE variant_id > :after ORDER BY variant_id LIMIT :limit")
                .bind("after", after).bind("limit", limit).map(StockQueries::row).all();
    }

    /** Stock levels for the admin report, lowest availability first; {@code lowOnly}: under threshold. */
    public Flux<StockRow> report(boolean lowOnly, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM inventory_stock"
                        + (lowOnly ? " WHERE on_hand - reserved < low_stock_threshold" : "")
                        + " ORDER BY on_hand - reserved, variant_id LIMIT :limit")
                .bind("limit", limit).map(StockQueries::row).all();
    }

    private static StockRow row(Readable row) {
        return new StockRow(row.get("variant_id", UUID.class), row.get("on_hand", Integer.class),
                row.get("reserved", Integer.class), row.get("low_stock_threshold", Integer.class),
                row.get("version", Long.class));
    }
}
