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
        return bindMovement(db.sql("""
                WITH changed AS (
                    INSERT INTO inventory_stock (variant_id, on_hand, low_stock_threshold) VALUES (:v, :onHand, :threshold)
                    ON CONFLICT (variant_id) DO NOTHING RETURNING variant_id, on_hand, reserved),
                moved AS (""" + MOVED.replace(":d,", "on_hand,").replace(":units,", "on_hand,") + ")\nSELECT 1")
                .bind("v", variant).bind("onHand", Math.max(0, onHand)).bind("threshold", threshold).bind("rd", 0),
                Movement.of(Movement.OPENING_BALANCE, null, null, null))
                .then()
                .then(find(variant));
    }

    /** Holds {@code quantity} units if that many are available; empty when they are not. */
    public Mono<StockRow> reserve(UUID variant, int quantity, Movement why) {
        return reserve(variant, quantity, why, null);
    }

    /**
     * As {@link #reserve(UUID, int, Movement)}, writing {@code head} (a new reservation's rows; null: none) in the same
     * statement. When the units are refused, the reservation's rows are written all the same: the caller's transaction
     * fails, and they go with it.
     */
    public Mono<StockRow> reserve(UUID variant, int quantity, Movement why, NewReservation head) {
        return change("reserved = reserved + :q", "on_hand - reserved >= :q", new Change(variant, quantity, 0, 1), why,
                head);
    }

    public Mono<StockRow> unreserve(UUID variant, int quantity, Movement why) {
        return change("reserved = reserved - :q", "reserved >= :q", new Change(variant, quantity, 0, -1), why);
    }

    /** Held units leave the warehouse: both on hand and reserved fall. */
    public Mono<StockRow> sell(UUID variant, int quantity, Movement why) {
        return change("on_hand = on_hand - :q, reserved = reserved - :q", "reserved >= :q",
                new Change(variant, quantity, -1, -1), why);
    }

    /**
     * Adds {@code delta} (negative: removes) to on hand, never below what is reserved; {@code why} null records
     * no movement (the caller has its own, see {@link #firstReturn}).
     */
    public Mono<StockRow> adjust(UUID variant, int delta, Movement why) {
        return change("on_hand = on_hand + :q", "on_hand + :q >= reserved", new Change(variant, delta, 1, 0), why);
    }

    /** Sets on hand to {@code onHand} unless that is below what is reserved; answers the row and the previous on hand. */
    public Mono<SetResult> setOnHand(UUID variant, int onHand, Movement why) {
        return bindMovement(db.sql("""
                WITH changed AS (
                    UPDATE inventory_stock s SET on_hand = :onHand, version = s.version + 1, updated_at = now()
                    FROM (SELECT variant_id, on_hand FROM inventory_stock WHERE variant_id = :v FOR UPDATE) o
                    WHERE s.variant_id = o.variant_id AND s.reserved <= :onHand
                    RETURNING s.variant_id, s.on_hand, s.reserved, s.low_stock_threshold, s.version, o.on_hand AS previous),
                moved AS (""" + MOVED.replace(":d,", "on_hand - previous,").replace(":units,", "abs(on_hand - previous),") + """
                )
                SELECT variant_id, on_hand, reserved, low_stock_threshold, version, previous FROM changed""")
                .bind("v", variant).bind("onHand", onHand).bind("rd", 0), why)
                .map(row -> new SetResult(row(row), row.get("previous", Integer.class)))
                .one();
    }

    public record SetResult(StockRow row, int previousOnHand) {
    }

    public Mono<StockRow> setThreshold(UUID variant, int threshold) {
        return change("low_stock_threshold = :q", "true", new Change(variant, threshold, 0, 0), null);
    }

    /** What a change statement does: {@code quantity} and the signs it moves on hand and reserved by. */
    private record Change(UUID variant, int quantity, int onHandSign, int reservedSign) {
    }

    /** The ledger row of the change made by the {@code changed} CTE: in the same statement, so never apart. */
    private static final String MOVED = """
            INSERT INTO stock_movements (id, variant_id, delta, reserved_delta, on_hand, reserved, units, reason,
                                         reference, actor, reservation_id, flash_sale_id, note, created_at)
            SELECT :mid, variant_id, :d, :rd, on_hand, reserved, :units, :reason, :reference, :actor, :reservation,
                   :sale, :note, clock_timestamp() FROM changed""";

    private Mono<StockRow> change(String set, String condition, Change change, Movement why) {
        return change(set, condition, change, why, null);
    }

    private Mono<StockRow> change(String set, String condition, Change change, Movement why, NewReservation head) {
        String update = "UPDATE inventory_stock SET " + set + ", version = version + 1, updated_at = now() "
                + "WHERE variant_id = :v AND " + condition + " RETURNING " + COLUMNS;
        if (why == null) {
            return db.sql(update).bind("v", change.variant()).bind("q", change.quantity()).map(StockQueries::row).one();
        }
        DatabaseClient.GenericExecuteSpec spec = bindMovement(db.sql("WITH "
                        + (head == null ? "" : ReservationQueries.HEAD + ",\n") + "changed AS (" + update + "), moved AS ("
                        + MOVED + ") SELECT " + COLUMNS + " FROM changed")
                .bind("v", change.variant()).bind("q", change.quantity())
                .bind("d", change.onHandSign() * change.quantity()).bind("rd", change.reservedSign() * change.quantity())
                .bind("units", Math.abs(change.quantity())), why);
        return (head == null ? spec : ReservationQueries.bindHead(spec, head)).map(StockQueries::row).one();
    }

    private static DatabaseClient.GenericExecuteSpec bindMovement(DatabaseClient.GenericExecuteSpec spec, Movement why) {
        return spec.bind("mid", Ids.newId()).bind("reason", why.reason())
                .bind("reference", why.reference() == null ? Parameters.in(String.class) : why.reference())
                .bind("actor", why.actor() == null ? Parameters.in(UUID.class) : why.actor())
                .bind("reservation", why.reservationId() == null ? Parameters.in(UUID.class) : why.reservationId())
                .bind("sale", why.flashSaleId() == null ? Parameters.in(UUID.class) : why.flashSaleId())
                .bind("note", why.note() == null ? Parameters.in(String.class) : why.note());
    }

    /**
     * A movement that changes neither on hand nor reserved: units moving inside a flash sale's pool (a hold
     * given back to an open sale). Records the variant's levels as they stand.
     */
    public Mono<Void> movement(UUID variant, int units, Movement why) {
        return bindMovement(db.sql("""
                WITH changed AS (SELECT variant_id, on_hand, reserved FROM inventory_stock WHERE variant_id = :v)
                """ + MOVED)
                .bind("v", variant).bind("d", 0).bind("rd", 0).bind("units", units), why)
                .then();
    }

    /**
     * Records that {@code reference} returned units of the variant; false when it already did (a unique
     * index on returns makes this the once-only guard of restocking).
     */
    public Mono<Boolean> firstReturn(UUID variant, int delta, String reference, UUID movementId) {
        return db.sql("""
                INSERT INTO stock_movements (id, variant_id, delta, on_hand, units, reason, reference, created_at)
                VALUES (:id, :v, :delta, 0, :delta, 'return', :reference, clock_timestamp())
                ON CONFLICT (variant_id, reference) WHERE reason = 'return' DO NOTHING""")
                .bind("id", movementId).bind("v", variant).bind("delta", delta).bind("reference", reference)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Fills in the levels a return movement led to. */
    public Mono<Void> returnedTo(UUID movementId, StockRow level) {
        return db.sql("UPDATE stock_movements SET on_hand = :onHand, reserved = :reserved WHERE id = :id")
                .bind("id", movementId).bind("onHand", level.onHand()).bind("reserved", level.reserved()).then();
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
