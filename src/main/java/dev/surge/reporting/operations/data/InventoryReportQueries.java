package dev.surge.reporting.operations.data;

import dev.surge.reporting.operations.domain.InventoryFigures.Movement;
import dev.surge.reporting.operations.domain.InventoryFigures.SellThrough;
import dev.surge.reporting.operations.domain.InventoryFigures.StockLine;
import dev.surge.reporting.operations.domain.MovementFilter;
import dev.surge.platform.persistence.Ids;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Inventory figures read from the inventory module's tables ({@code inventory_stock}, {@code stock_movements},
 * {@code stock_reservations}) and the catalog's (variants, products: SKU, title and merchant). Read only.
 */
@Repository
public class InventoryReportQueries {

    private final DatabaseClient db;

    InventoryReportQueries(DatabaseClient db) {
        this.db = db;
    }

    /** The merchant of a variant; empty when the catalog has no such variant. */
    public Mono<UUID> merchantOfVariant(UUID variant) {
        return db.sql("SELECT p.merchant_id FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.id = :v")
                .bind("v", variant).map(row -> row.get("merchant_id", UUID.class)).one();
    }

    public Mono<Boolean> merchantExists(UUID merchant) {
        return db.sql("SELECT 1 FROM merchants WHERE id = :m").bind("m", merchant).map(row -> true).one()
                .defaultIfEmpty(false);
    }

    /** Stock by variant id from {@code after} on; {@code threshold} overrides each variant's own when not null. */
    public Flux<StockLine> stock(StockQuery query, UUID after, int limit) {
        String threshold = query.threshold() == null ? "s.low_stock_threshold" : ":threshold";
        Sql sql = new Sql("SELECT s.variant_id, v.sku, p.id AS product_id, p.title, p.merchant_id, s.on_hand, s.reserved, "
                + threshold + " AS threshold FROM inventory_stock s JOIN product_variants v ON v.id = s.variant_id "
                + "JOIN products p ON p.id = v.product_id WHERE true")
                .and("AND p.merchant_id = :merchant", "merchant", query.merchant())
                .and("AND s.variant_id > :after", "after", after);
        if (query.threshold() != null) {
            sql.bind("threshold", query.threshold());
        }
        if (query.lowOnly()) {
            sql.append("AND s.on_hand - s.reserved < " + threshold);
        }
        return sql.append("ORDER BY s.variant_id").and("LIMIT :limit", "limit", limit).on(db)
                .map(InventoryReportQueries::stockLine).all();
    }

    /** What to list: a merchant's (null: all), under the threshold only, and the threshold to use (null: each own). */
    public record StockQuery(UUID merchant, boolean lowOnly, Integer threshold) {
    }

    private static StockLine stockLine(Readable row) {
        int onHand = row.get("on_hand", Integer.class);
        int reserved = row.get("reserved", Integer.class);
        int threshold = row.get("threshold", Integer.class);
        return new StockLine(row.get("variant_id", UUID.class), row.get("sku", String.class),
                row.get("product_id", UUID.class), row.get("title", String.class), row.get("merchant_id", UUID.class),
                onHand, reserved, onHand - reserved, threshold, onHand - reserved < threshold);
    }

    /** Ledger rows in time order (oldest first) after the key ({@code afterAt}, {@code afterId}) when given. */
    public Flux<Movement> movements(MovementFilter filter, UUID merchant, MovementKey after, int limit) {
        Sql sql = new Sql("""
                SELECT m.id, m.created_at, m.variant_id, v.sku, m.reason, m.delta, m.reserved_delta, m.units, m.on_hand,
                       m.reserved, m.reference, m.reservation_id, m.flash_sale_id, m.actor, m.note,
                       coalesce(r.claimed_by, r.owner, m.reference) AS for_whom
                FROM stock_movements m JOIN product_variants v ON v.id = m.variant_id
                LEFT JOIN stock_reservations r ON r.id = m.reservation_id""");
        if (merchant != null) {
            sql.append("JOIN products p ON p.id = v.product_id AND p.merchant_id = :merchant").bind("merchant", merchant);
        }
        sql.append("WHERE true")
                .and("AND m.variant_id = :variant", "variant", filter.variant())
                .and("AND m.reason = :reason", "reason", filter.reason())
                .and("AND m.created_at >= :from", "from", filter.from())
                .and("AND m.created_at < :to", "to", filter.to());
        if (after != null) {
            sql.append("AND (m.created_at, m.id) > (:afterAt, :afterId)").bind("afterAt", after.at()).bind("afterId", after.id());
        }
        return sql.append("ORDER BY m.created_at, m.id").and("LIMIT :limit", "limit", limit).on(db)
                .map(InventoryReportQueries::movement).all();
    }

    /** Where a page of the ledger ended. */
    public record MovementKey(Instant at, UUID id) {
    }

    private static Movement movement(Readable row) {
        String forWhom = row.get("for_whom", String.class);
        UUID order = forWhom != null && forWhom.startsWith("order:") ? Ids.parseOrNull(forWhom.substring(6)) : null;
        return new Movement(row.get("id", UUID.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("variant_id", UUID.class), row.get("sku", String.class), row.get("reason", String.class),
                row.get("delta", Integer.class), row.get("reserved_delta", Integer.class), row.get("units", Integer.class),
                row.get("on_hand", Integer.class), row.get("reserved", Integer.class), row.get("reference", String.class),
                order, row.get("reservation_id", UUID.class), row.get("flash_sale_id", UUID.class),
                row.get("actor", UUID.class), row.get("note", String.class));
    }

    /**
     * Sell-through per product over [from, to), most units sold first. A variant's availability at {@code to} is
     * read from the ledger (the levels after its last change before {@code to}, else before its first change
     * after it), else it is today's.
     */
    public Flux<SellThrough> sellThrough(UUID merchant, Instant from, Instant to, int limit) {
        Sql sql = new Sql("""
                WITH variants AS (
                    SELECT s.variant_id, s.on_hand - s.reserved AS available_now, p.id AS product_id, p.title, p.merchant_id
                    FROM inventory_stock s JOIN product_variants v ON v.id = s.variant_id
                    JOIN products p ON p.id = v.product_id""")
                .and("WHERE p.merchant_id = :merchant", "merchant", merchant)
                .append("""
                ),
                moved AS (
                    SELECT m.variant_id,
                           coalesce(sum(-m.delta) FILTER (WHERE m.reason = 'sale'), 0) AS sold,
                           coalesce(sum(m.delta) FILTER (WHERE m.reason = 'return'), 0) AS returned
                    FROM stock_movements m JOIN variants USING (variant_id)
                    WHERE m.reason IN ('sale', 'return') AND m.created_at >= :from AND m.created_at < :to
                    GROUP BY m.variant_id),
                ending AS (
                    SELECT x.variant_id, coalesce(
                        (SELECT b.on_hand - b.reserved FROM stock_movements b WHERE b.variant_id = x.variant_id
                         AND b.created_at < :to AND b.reserved IS NOT NULL ORDER BY b.created_at DESC, b.id DESC LIMIT 1),
                        (SELECT (a.on_hand - a.delta) - (a.reserved - a.reserved_delta) FROM stock_movements a
                         WHERE a.variant_id = x.variant_id AND a.created_at >= :to AND a.reserved IS NOT NULL
                         ORDER BY a.created_at, a.id LIMIT 1),
                        x.available_now) AS available
                    FROM variants x)
                SELECT x.product_id, x.title, x.merchant_id, sum(coalesce(m.sold, 0))::bigint AS sold,
                       sum(coalesce(m.returned, 0))::bigint AS returned, sum(e.available)::bigint AS available
                FROM variants x JOIN ending e USING (variant_id) LEFT JOIN moved m USING (variant_id)
                GROUP BY x.product_id, x.title, x.merchant_id
                ORDER BY sum(coalesce(m.sold, 0)) - sum(coalesce(m.returned, 0)) DESC, x.product_id
                LIMIT :limit""")
                .bind("from", from).bind("to", to).bind("limit", limit);
        return sql.on(db).map(InventoryReportQueries::sellThrough).all();
    }

    private static SellThrough sellThrough(Readable row) {
        long sold = row.get("sold", Long.class);
        long returned = row.get("returned", Long.class);
        long available = Math.max(0, row.get("available", Long.class));
        long net = sold - returned;
        BigDecimal ratio = net + available <= 0 ? null
                : BigDecimal.valueOf(Math.max(0, net)).divide(BigDecimal.valueOf(net + available), 4, RoundingMode.HALF_UP);
        return new SellThrough(row.get("product_id", UUID.class), row.get("title", String.class),
                row.get("merchant_id", UUID.class), net, returned, available, ratio);
    }
}
