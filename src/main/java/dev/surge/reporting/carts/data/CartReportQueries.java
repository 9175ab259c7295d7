package dev.surge.reporting.carts.data;

import dev.surge.reporting.carts.domain.CartFigures;
import dev.surge.reporting.sales.domain.SalesFacts;
import dev.surge.reporting.sales.domain.SalesQuery;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The carts reports' reads and the one write of the cart counts. The funnel reads reporting's own tables; the
 * abandoned carts read the cart module's write-behind copy of signed-in carts ({@code carts}, {@code cart_items})
 * and the orders' {@code orders} (was anything ordered since?), read-only, as the operations reports read their
 * owners' tables: a projection of carts would need an event per cart change, which the cart path must not pay.
 */
@Component
public class CartReportQueries {

    private final DatabaseClient db;

    CartReportQueries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Writes an instance's running counts of some days. Whole values, kept when greater: a repeated write, or one
     * that arrives after a later one, changes nothing. Emits the rows written.
     */
    public Mono<Long> writeCounts(UUID instance, Map<LocalDate, long[]> days) {
        if (days.isEmpty()) {
            return Mono.just(0L);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO report_cart_counts (instance_id, day, started, with_items) VALUES ");
        int i = 0;
        for (int n = 0; n < days.size(); n++) {
            sql.append(n == 0 ? "" : ", ").append("(:instance, :d").append(n).append(", :s").append(n).append(", :w")
                    .append(n).append(')');
        }
        sql.append(" ON CONFLICT (instance_id, day) DO UPDATE SET started = greatest(report_cart_counts.started, "
                + "EXCLUDED.started), with_items = greatest(report_cart_counts.with_items, EXCLUDED.with_items), "
                + "updated_at = now()");
        GenericExecuteSpec spec = db.sql(sql.toString()).bind("instance", instance);
        for (Map.Entry<LocalDate, long[]> day : days.entrySet()) {
            spec = spec.bind("d" + i, day.getKey()).bind("s" + i, day.getValue()[0]).bind("w" + i, day.getValue()[1]);
            i++;
        }
        return spec.fetch().rowsUpdated();
    }

    /** Carts started and with items, checkouts and paid orders per interval, every currency together. */
    public Flux<CartFigures.Funnel> funnel(SalesQuery q) {
        return db.sql("""
                WITH c AS (
                    SELECT date_trunc(:unit, d.day::timestamp)::date AS period, sum(d.started) AS started,
                        sum(d.with_items) AS with_items
                    FROM report_cart_counts d WHERE d.day BETWEEN :from AND :to GROUP BY 1),
                k AS (
                    SELECT date_trunc(:unit, d.day::timestamp)::date AS period, sum(d.checkouts) AS checkouts
                    FROM report_checkouts_daily d WHERE d.day BETWEEN :from AND :to GROUP BY 1),
                p AS (
                    SELECT date_trunc(:unit, d.day::timestamp)::date AS period, sum(d.orders) AS paid
                    FROM report_sales_daily d WHERE d.merchant_id = :store AND d.day BETWEEN :from AND :to
                    GROUP BY 1)
                SELECT period, coalesce(c.started, 0) AS started, coalesce(c.with_items, 0) AS with_items,
                    coalesce(k.checkouts, 0) AS checkouts, coalesce(p.paid, 0) AS paid
                FROM c FULL JOIN k USING (period) FULL JOIN p USING (period)
                WHERE coalesce(c.started, 0) + coalesce(c.with_items, 0) + coalesce(k.checkouts, 0)
                    + coalesce(p.paid, 0) > 0
                ORDER BY period""")
                .bind("unit", q.interval().toString()).bind("from", q.from()).bind("to", q.to())
                .bind("store", SalesFacts.STORE)
                .map(row -> new CartFigures.Funnel(row.get("period", LocalDate.class), longOf(row, "started"),
                        longOf(row, "with_items"), longOf(row, "checkouts"), longOf(row, "paid")))
                .all();
    }

    /** Which abandoned carts: idle since before {@code idleSince}, last changed in [from, until), one currency or all. */
    public record Abandoned(Instant idleSince, Instant from, Instant until, String currency) {
    }

    /** Where a page starts: after the cart last changed at {@code at} of {@code customer} (newest first). */
    public record After(Instant at, UUID customer) {
    }

    private static final String ABANDONED = """
            FROM carts c JOIN cart_items i ON i.user_id = c.user_id
            WHERE c.updated_at < :idle AND c.updated_at >= :from AND c.updated_at < :until
                AND (CAST(:currency AS text) IS NULL OR c.currency = :currency)
                AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.user_id AND o.created_at >= c.updated_at)
            """;

    /** A page of abandoned carts, the most recently active first. */
    public Flux<CartFigures.AbandonedCart> abandoned(Abandoned a, After after, int limit) {
        String page = after == null ? "" : " AND (c.updated_at, c.user_id) < (:at, :customer)";
        GenericExecuteSpec spec = bind(db.sql("SELECT c.user_id, c.currency, c.created_at, c.updated_at, "
                + "count(*) AS lines, sum(i.quantity) AS units, sum(i.quantity * i.price_seen_minor) AS value "
                + ABANDONED + page + " GROUP BY c.user_id ORDER BY c.updated_at DESC, c.user_id DESC LIMIT :limit"), a)
                .bind("limit", limit);
        if (after != null) {
            spec = spec.bind("at", utc(after.at())).bind("customer", after.customer());
        }
        return spec.map(row -> new CartFigures.AbandonedCart(row.get("user_id", UUID.class),
                        trimmed(row.get("currency", String.class)), longOf(row, "lines"), longOf(row, "units"),
                        longOf(row, "value"), row.get("created_at", OffsetDateTime.class).toInstant(),
                        row.get("updated_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Every abandoned cart of the range, per currency. */
    public Flux<CartFigures.AbandonedTotal> abandonedTotals(Abandoned a) {
        return bind(db.sql("SELECT c.currency, count(DISTINCT c.user_id) AS carts, sum(i.quantity) AS units, "
                + "sum(i.quantity * i.price_seen_minor) AS value " + ABANDONED + " GROUP BY c.currency ORDER BY 1"), a)
                .map(row -> new CartFigures.AbandonedTotal(trimmed(row.get("currency", String.class)),
                        longOf(row, "carts"), longOf(row, "units"), longOf(row, "value")))
                .all();
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, Abandoned a) {
        GenericExecuteSpec bound = spec.bind("idle", utc(a.idleSince())).bind("from", utc(a.from()))
                .bind("until", utc(a.until()));
        return a.currency() == null ? bound.bindNull("currency", String.class) : bound.bind("currency", a.currency());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static String trimmed(String currency) {
        return currency == null ? null : currency.trim();
    }

    private static long longOf(Readable row, String column) {
        Number n = row.get(column, Number.class);
        return n == null ? 0 : n.longValue();
    }
}
