package dev.surge.reporting.operations.data;

import dev.surge.platform.persistence.Money;
import dev.surge.reporting.operations.domain.FlashSaleFigures.Holds;
import dev.surge.reporting.operations.domain.FlashSaleFigures.Stored;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Flash sales and what became of their holds, from the inventory module's tables ({@code flash_sales},
 * {@code stock_reservations} with their lines, the {@code flash_sale_pool} entry of {@code stock_movements}:
 * a closed sale's quantity shrinks to what was taken, the ledger keeps what was offered). Read only.
 */
@Repository
public class FlashSaleReportQueries {

    private static final String SELECT = """
            SELECT f.id, f.name, f.variant_id, p.merchant_id, f.price_minor, f.currency, f.starts_at, f.ends_at,
                   f.closed_at, f.quantity, f.sold,
                   (SELECT pool.units FROM stock_movements pool
                    WHERE pool.flash_sale_id = f.id AND pool.reason = 'flash_sale_pool' LIMIT 1) AS offered,
                   h.claims, h.units_claimed, h.active, h.expired, h.units_expired, h.released, h.orders_paid
            FROM flash_sales f
            JOIN product_variants v ON v.id = f.variant_id JOIN products p ON p.id = v.product_id
            CROSS JOIN LATERAL (
                SELECT count(*) AS claims, coalesce(sum(l.quantity), 0) AS units_claimed,
                       count(*) FILTER (WHERE r.status = 'ACTIVE') AS active,
                       count(*) FILTER (WHERE r.status = 'EXPIRED') AS expired,
                       coalesce(sum(l.quantity) FILTER (WHERE r.status = 'EXPIRED'), 0) AS units_expired,
                       count(*) FILTER (WHERE r.status = 'RELEASED') AS released,
                       count(DISTINCT coalesce(r.claimed_by, r.id::text)) FILTER (WHERE r.status = 'CONFIRMED') AS orders_paid
                FROM stock_reservations r JOIN stock_reservation_lines l ON l.reservation_id = r.id
                WHERE r.flash_sale_id = f.id) h""";

    private final DatabaseClient db;

    FlashSaleReportQueries(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Stored> find(UUID id) {
        return db.sql(SELECT + " WHERE f.id = :id").bind("id", id).map(FlashSaleReportQueries::stored).one();
    }

    /** Sales newest start first, after the key ({@code startsAt}, {@code id}) when given; a merchant's only when not null. */
    public Flux<Stored> list(UUID merchant, SaleKey after, int limit) {
        Sql sql = new Sql(SELECT + " WHERE true").and("AND p.merchant_id = :merchant", "merchant", merchant);
        if (after != null) {
            sql.append("AND (f.starts_at, f.id) < (:afterAt, :afterId)").bind("afterAt", after.startsAt())
                    .bind("afterId", after.id());
        }
        return sql.append("ORDER BY f.starts_at DESC, f.id DESC").and("LIMIT :limit", "limit", limit).on(db)
                .map(FlashSaleReportQueries::stored).all();
    }

    /** Where a page of sales ended. */
    public record SaleKey(Instant startsAt, UUID id) {
    }

    private static Stored stored(Readable row) {
        String currency = row.get("currency", String.class).trim();
        Integer offered = row.get("offered", Integer.class);
        Holds holds = new Holds(number(row, "claims"), number(row, "units_claimed"), number(row, "active"),
                number(row, "expired"), number(row, "units_expired"), number(row, "released"), number(row, "orders_paid"));
        return new Stored(row.get("id", UUID.class), row.get("name", String.class), row.get("variant_id", UUID.class),
                row.get("merchant_id", UUID.class), Money.of(row.get("price_minor", Long.class), currency),
                row.get("starts_at", OffsetDateTime.class).toInstant(), row.get("ends_at", OffsetDateTime.class).toInstant(),
                Sql.instant(row.get("closed_at", OffsetDateTime.class)),
                offered != null ? offered : row.get("quantity", Integer.class), holds, row.get("sold", Integer.class));
    }

    private static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
