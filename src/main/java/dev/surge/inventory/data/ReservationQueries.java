package dev.surge.inventory.data;

import dev.surge.inventory.Reservation;
import io.r2dbc.spi.Parameters;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reservations and their lines. A reservation leaves {@code ACTIVE} exactly once: every transition is
 * an update guarded by {@code status = 'ACTIVE'}, so of two instances (or a confirm racing the expiry
 * job) only one sees its update succeed, and only that one moves stock.
 */
@Repository
public class ReservationQueries {

    private final DatabaseClient db;

    ReservationQueries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A new reservation's rows, as two data-modifying CTEs ({@code head} and {@code head_lines}) that lead the
     * statement taking its first line's units ({@code StockQueries.reserve}): one statement, not two.
     */
    static final String HEAD = """
            head AS (
                INSERT INTO stock_reservations (id, owner, flash_sale_id, expires_at, created_at, updated_at)
                VALUES (:rid, :rowner, :rsale, :rexpires, :rcreated, :rcreated)
                RETURNING id),
            head_lines AS (
                INSERT INTO stock_reservation_lines (reservation_id, variant_id, quantity)
                SELECT head.id, l.variant_id, l.quantity
                FROM head, unnest(string_to_array(:rvariants, ',')::uuid[], string_to_array(:rquantities, ',')::int[])
                    AS l(variant_id, quantity))""";

    static DatabaseClient.GenericExecuteSpec bindHead(DatabaseClient.GenericExecuteSpec spec, NewReservation head) {
        return spec.bind("rid", head.id()).bind("rowner", head.owner())
                .bind("rsale", head.flashSaleId() == null ? Parameters.in(UUID.class) : head.flashSaleId())
                .bind("rexpires", utc(head.expiresAt())).bind("rcreated", utc(head.createdAt()))
                .bind("rvariants", String.join(",", head.lines().stream()
                        .map(line -> line.variantId().toString()).toList()))
                .bind("rquantities", String.join(",", head.lines().stream()
                        .map(line -> Integer.toString(line.quantity())).toList()));
    }

    public Mono<Reservation> find(UUID id) {
        return joined(db.sql("""
                SELECT r.id, r.owner, r.status, r.flash_sale_id, r.expires_at, r.created_at,
                       l.variant_id, l.quantity
                FROM stock_reservations r JOIN stock_reservation_lines l ON l.reservation_id = r.id
                WHERE r.id = :id ORDER BY l.variant_id""")
                .bind("id", id));
    }

    /**
     * Moves an active reservation, unexpired at {@code unexpiredAt}, to {@code to} and answers it as it is after the
     * move, in one statement; empty when it was not active or had expired (as {@link #leaveActive}).
     */
    public Mono<Reservation> leaveActiveRead(UUID id, Reservation.Status to, Instant unexpiredAt) {
        return joined(db.sql("""
                WITH r AS (
                    UPDATE stock_reservations SET status = :to, updated_at = now()
                    WHERE id = :id AND status = 'ACTIVE' AND expires_at > :at
                    RETURNING id, owner, status, flash_sale_id, expires_at, created_at)
                SELECT r.id, r.owner, r.status, r.flash_sale_id, r.expires_at, r.created_at,
                       l.variant_id, l.quantity
                FROM r JOIN stock_reservation_lines l ON l.reservation_id = r.id
                ORDER BY l.variant_id""")
                .bind("to", to.name()).bind("id", id).bind("at", utc(unexpiredAt)));
    }

    private static Mono<Reservation> joined(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(row -> new Joined(new Reservation(row.get("id", UUID.class), row.get("owner", String.class),
                                Reservation.Status.valueOf(row.get("status", String.class)),
                                row.get("flash_sale_id", UUID.class), List.of(),
                                row.get("expires_at", OffsetDateTime.class).toInstant(),
                                row.get("created_at", OffsetDateTime.class).toInstant()),
                        new Reservation.Line(row.get("variant_id", UUID.class), row.get("quantity", Integer.class))))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.empty() : Mono.just(reservation(rows)));
    }

    /**
     * Moves an active reservation to {@code to}; empty when it was not active (or, with
     * {@code unexpiredAt}, had expired by then). The caller then moves the stock in the same transaction.
     */
    public Mono<UUID> leaveActive(UUID id, Reservation.Status to, Instant unexpiredAt, Instant expiredBy) {
        return leaveActive(id, to, unexpiredAt, expiredBy, false);
    }

    /** As above; with {@code unclaimedOnly}, a reservation an order has taken over stays (see {@link #claim}). */
    public Mono<UUID> leaveActive(UUID id, Reservation.Status to, Instant unexpiredAt, Instant expiredBy,
            boolean unclaimedOnly) {
        String timeCondition = unexpiredAt != null ? " AND expires_at > :at" : expiredBy != null ? " AND expires_at <= :at" : "";
        var spec = db.sql("UPDATE stock_reservations SET status = :to, updated_at = now() "
                        + "WHERE id = :id AND status = 'ACTIVE'" + timeCondition
                        + (unclaimedOnly ? " AND claimed_by IS NULL" : "") + " RETURNING id")
                .bind("to", to.name()).bind("id", id);
        if (unexpiredAt != null || expiredBy != null) {
            spec = spec.bind("at", utc(unexpiredAt != null ? unexpiredAt : expiredBy));
        }
        return spec.map(row -> row.get("id", UUID.class)).one();
    }

    /** Active reservations past their expiry, oldest first. */
    public Flux<UUID> due(Instant now, int limit) {
        return db.sql("SELECT id FROM stock_reservations WHERE status = 'ACTIVE' AND expires_at <= :now ORDER BY expires_at LIMIT :limit")
                .bind("now", utc(now)).bind("limit", limit)
                .map(row -> row.get("id", UUID.class)).all();
    }

    /** Units an owner holds or bought in a flash sale (active and confirmed reservations). */
    public Mono<Integer> heldInSale(UUID sale, String owner) {
        return db.sql("""
                SELECT coalesce(sum(l.quantity), 0)::int AS units
                FROM stock_reservations r JOIN stock_reservation_lines l ON l.reservation_id = r.id
                WHERE r.flash_sale_id = :sale AND r.owner = :owner AND r.status IN ('ACTIVE', 'CONFIRMED')""")
                .bind("sale", sale).bind("owner", owner)
                .map(row -> row.get("units", Integer.class)).one();
    }

    /** Units per owner in a flash sale, to rebuild the per-customer counts after a Redis loss. */
    public Flux<OwnerUnits> heldInSaleByOwner(UUID sale) {
        return db.sql("""
                SELECT r.owner, sum(l.quantity)::int AS units
                FROM stock_reservations r JOIN stock_reservation_lines l ON l.reservation_id = r.id
                WHERE r.flash_sale_id = :sale AND r.status IN ('ACTIVE', 'CONFIRMED')
                GROUP BY r.owner""")
                .bind("sale", sale)
                .map(row -> new OwnerUnits(row.get("owner", String.class), row.get("units", Integer.class)))
                .all();
    }

    public record OwnerUnits(String owner, int units) {
    }

    /** The owner's active, unexpired flash-sale reservations with their sale's price, oldest first. */
    public Flux<HeldSale> activeSaleHolds(String owner, Instant now) {
        return db.sql("""
                SELECT r.id, s.price_minor, s.currency
                FROM stock_reservations r JOIN flash_sales s ON s.id = r.flash_sale_id
                WHERE r.owner = :owner AND r.status = 'ACTIVE' AND r.expires_at > :now AND r.claimed_by IS NULL
                ORDER BY r.created_at, r.id""")
                .bind("owner", owner).bind("now", utc(now))
                .map(row -> new HeldSale(row.get("id", UUID.class), row.get("price_minor", Long.class),
                        row.get("currency", String.class)))
                .all();
    }

    public record HeldSale(UUID reservationId, long priceMinor, String currency) {
    }

    /** Marks the owner's active, unclaimed reservation as taken over by {@code claimant}; false otherwise. */
    public Mono<Boolean> claim(UUID id, String owner, String claimant) {
        return db.sql("UPDATE stock_reservations SET claimed_by = :claimant, updated_at = now() "
                        + "WHERE id = :id AND owner = :owner AND status = 'ACTIVE' AND claimed_by IS NULL")
                .bind("id", id).bind("owner", owner).bind("claimant", claimant)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Who has taken the reservation over; empty while nobody has. */
    public Mono<String> claimant(UUID id) {
        return db.sql("SELECT claimed_by FROM stock_reservations WHERE id = :id AND claimed_by IS NOT NULL")
                .bind("id", id).map(row -> row.get("claimed_by", String.class)).one();
    }

    private record Joined(Reservation head, Reservation.Line line) {
    }

    private static Reservation reservation(List<Joined> rows) {
        Reservation head = rows.get(0).head();
        List<Reservation.Line> lines = new ArrayList<>(rows.size());
        rows.forEach(row -> lines.add(row.line()));
        return new Reservation(head.id(), head.owner(), head.status(), head.flashSaleId(), List.copyOf(lines),
                head.expiresAt(), head.createdAt());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
