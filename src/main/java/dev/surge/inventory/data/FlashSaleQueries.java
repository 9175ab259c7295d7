package dev.surge.inventory.data;

import static dev.surge.inventory.data.ReservationQueries.utc;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Flash-sale campaigns. Claims are conditional updates of one row, so the row lock orders them. */
@Repository
public class FlashSaleQueries {

    private static final String COLUMNS = """
            id, variant_id, name, price_minor, currency, quantity, taken, sold, per_customer_limit, hold_seconds,
            starts_at, ends_at, closed_at, created_at""";

    private final DatabaseClient db;

    FlashSaleQueries(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(FlashSaleRow sale, UUID createdBy) {
        return db.sql("""
                INSERT INTO flash_sales (id, variant_id, name, price_minor, currency, quantity, per_customer_limit,
                                         hold_seconds, starts_at, ends_at, created_by, created_at)
                VALUES (:id, :variant, :name, :price, :currency, :quantity, :limit, :hold, :starts, :ends, :by, :created)""")
                .bind("id", sale.id()).bind("variant", sale.variantId()).bind("name", sale.name())
                .bind("price", sale.priceMinor()).bind("currency", sale.currency()).bind("quantity", sale.quantity())
                .bind("limit", sale.perCustomerLimit()).bind("hold", sale.holdSeconds())
                .bind("starts", utc(sale.startsAt())).bind("ends", utc(sale.endsAt()))
                .bind("by", createdBy == null ? Parameters.in(UUID.class) : createdBy)
                .bind("created", utc(sale.createdAt()))
                .then();
    }

    public Mono<FlashSaleRow> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM flash_sales WHERE id = :id")
                .bind("id", id).map(FlashSaleQueries::row).one();
    }

    public Flux<FlashSaleRow> recent(int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM flash_sales ORDER BY starts_at DESC, id LIMIT :limit")
                .bind("limit", limit).map(FlashSaleQueries::row).all();
    }

    public Flux<FlashSaleRow> open() {
        return db.sql("SELECT " + COLUMNS + " FROM flash_sales WHERE closed_at IS NULL")
                .map(FlashSaleQueries::row).all();
    }

    /** Claims units of a running, open sale if enough remain; empty when refused. Locks the sale's row. */
    public Mono<FlashSaleRow> take(UUID id, int quantity, Instant now) {
        return db.sql("UPDATE flash_sales SET taken = taken + :q WHERE id = :id AND closed_at IS NULL "
                        + "AND starts_at <= :now AND ends_at > :now AND taken + :q <= quantity RETURNING " + COLUMNS)
                .bind("id", id).bind("q", quantity).bind("now", utc(now))
                .map(FlashSaleQueries::row).one();
    }

    /**
     * Serializes one buyer's claims on one sale until the transaction ends, so that the limit check of
     * {@link #claim} (whose snapshot starts after this lock) sees the buyer's earlier claims. Other buyers
     * are not held up.
     */
    public Mono<Void> lockBuyer(UUID sale, String owner) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", sale + "/" + owner).then();
    }

    /**
     * Claims units of a running, open sale for {@code owner} and records the reservation, in one statement
     * so that the sale's row stays locked only for that statement: claims of one sale queue on that lock.
     * Refused (empty) when too few units remain or the owner would go over the limit. The quantity check
     * is exact (re-evaluated on the latest row); the limit check backs up the Redis gate and is exact when
     * the caller holds {@link #lockBuyer} in the same transaction.
     */
    public Mono<FlashSaleRow> claim(UUID id, UUID reservation, String owner, int quantity, Instant now) {
        return db.sql("""
                WITH claimed AS (
                    UPDATE flash_sales SET taken = taken + :q
                    WHERE id = :id AND closed_at IS NULL AND starts_at <= :now AND ends_at > :now
                      AND taken + :q <= quantity
                      AND :q + (SELECT coalesce(sum(l.quantity), 0) FROM stock_reservations r
                                JOIN stock_reservation_lines l ON l.reservation_id = r.id
                                WHERE r.flash_sale_id = :id AND r.owner = :owner
                                  AND r.status IN ('ACTIVE', 'CONFIRMED')) <= per_customer_limit
                    RETURNING *),
                reservation AS (
                    INSERT INTO stock_reservations (id, owner, flash_sale_id, expires_at, created_at, updated_at)
                    SELECT :reservation, :owner, id, :now + make_interval(secs => hold_seconds), :now, :now FROM claimed
                    RETURNING id),
                line AS (
                    INSERT INTO stock_reservation_lines (reservation_id, variant_id, quantity)
                    SELECT :reservation, variant_id, :q FROM claimed),
                -- The stock ledger's record of the claim (units move inside the sale's pool: on hand and
                -- reserved are unchanged). Part of this statement: no extra round trip on the claim path.
                moved AS (
                    INSERT INTO stock_movements (id, variant_id, delta, reserved_delta, on_hand, reserved, units, reason,
                                                 reference, reservation_id, flash_sale_id, created_at)
                    SELECT :movement, c.variant_id, 0, 0, coalesce(s.on_hand, 0), s.reserved, :q, 'flash_claim', :owner,
                           :reservation, c.id, clock_timestamp()
                    FROM claimed c LEFT JOIN inventory_stock s ON s.variant_id = c.variant_id)
                SELECT\s""" + COLUMNS + " FROM claimed")
                .bind("id", id).bind("reservation", reservation).bind("owner", owner).bind("q", quantity)
                .bind("movement", dev.surge.platform.persistence.Ids.newId())
                .bind("now", utc(now))
                .map(FlashSaleQueries::row).one();
    }

    /**
     * Gives claimed units back. In an open sale they return to its pool; once the sale is closed its pool
     * shrinks with them, and the caller returns them to the variant's normal stock.
     */
    public Mono<FlashSaleRow> untake(UUID id, int quantity) {
        return db.sql("UPDATE flash_sales SET taken = taken - :q, "
                        + "quantity = CASE WHEN closed_at IS NULL THEN quantity ELSE quantity - :q END "
                        + "WHERE id = :id AND taken >= :q RETURNING " + COLUMNS)
                .bind("id", id).bind("q", quantity)
                .map(FlashSaleQueries::row).one();
    }

    public Mono<FlashSaleRow> sell(UUID id, int quantity) {
        return db.sql("UPDATE flash_sales SET sold = sold + :q WHERE id = :id AND sold + :q <= taken RETURNING " + COLUMNS)
                .bind("id", id).bind("q", quantity)
                .map(FlashSaleQueries::row).one();
    }

    /** Open sales whose window has passed. */
    public Flux<UUID> due(Instant now) {
        return db.sql("SELECT id FROM flash_sales WHERE closed_at IS NULL AND ends_at <= :now ORDER BY ends_at LIMIT 100")
                .bind("now", utc(now)).map(row -> row.get("id", UUID.class)).all();
    }

    /** Closes an ended sale once; answers the units it had not given out, which leave its pool. */
    public Mono<Closed> close(UUID id, Instant now) {
        return db.sql("""
                UPDATE flash_sales f SET closed_at = :now, quantity = f.taken
                FROM (SELECT id, quantity - taken AS leftover FROM flash_sales
                      WHERE id = :id AND closed_at IS NULL AND ends_at <= :now FOR UPDATE) o
                WHERE f.id = o.id
                RETURNING f.variant_id, o.leftover""")
                .bind("id", id).bind("now", utc(now))
                .map(row -> new Closed(id, row.get("variant_id", UUID.class), row.get("leftover", Integer.class)))
                .one();
    }

    public record Closed(UUID saleId, UUID variantId, int leftover) {
    }

    private static FlashSaleRow row(Readable row) {
        OffsetDateTime closed = row.get("closed_at", OffsetDateTime.class);
        return new FlashSaleRow(row.get("id", UUID.class), row.get("variant_id", UUID.class), row.get("name", String.class),
                row.get("price_minor", Long.class), row.get("currency", String.class).trim(),
                row.get("quantity", Integer.class), row.get("taken", Integer.class), row.get("sold", Integer.class),
                row.get("per_customer_limit", Integer.class), row.get("hold_seconds", Integer.class),
                row.get("starts_at", OffsetDateTime.class).toInstant(), row.get("ends_at", OffsetDateTime.class).toInstant(),
                closed == null ? null : closed.toInstant(), row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
