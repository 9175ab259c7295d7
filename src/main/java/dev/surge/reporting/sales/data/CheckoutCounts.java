package dev.surge.reporting.sales.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The conversion report's checkouts: one {@code report_checkouts} row per order placed, and its day's count in
 * {@code report_checkouts_daily}, both written once per order however often its event comes.
 */
@Component
public class CheckoutCounts {

    private final DatabaseClient db;

    CheckoutCounts(DatabaseClient db) {
        this.db = db;
    }

    /** Counts a checkout once per order (a repeat of its event finds it counted); emits whether it was new. */
    public Mono<Boolean> checkout(UUID orderId, String currency, LocalDate day, UUID customerId) {
        return checkouts(List.of(new Checkout(orderId, currency, day, customerId))).map(counted -> !counted.isEmpty());
    }

    /** A checkout to count: its order, currency, day and customer (null: a guest). */
    public record Checkout(UUID orderId, String currency, LocalDate day, UUID customerId) {
    }

    /**
     * {@link #checkout} for several in one statement: each order counted once, however often it is listed or was
     * counted before. Emits the orders counted now.
     */
    public Mono<Set<UUID>> checkouts(List<Checkout> checkouts) {
        if (checkouts.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("""
                WITH fact AS (
                    INSERT INTO report_checkouts (order_id, currency, day, customer_id)
                    SELECT * FROM unnest(:orders::uuid[], :currencies::text[], :days::date[], :customers::uuid[])
                    ON CONFLICT DO NOTHING
                    RETURNING order_id, currency, day),
                daily AS (
                    INSERT INTO report_checkouts_daily (currency, day, checkouts)
                    SELECT currency, day, count(*) FROM fact GROUP BY currency, day
                    ON CONFLICT (currency, day) DO UPDATE
                    SET checkouts = report_checkouts_daily.checkouts + excluded.checkouts)
                SELECT order_id FROM fact""")
                .bind("orders", checkouts.stream().map(Checkout::orderId).toArray(UUID[]::new))
                .bind("currencies", checkouts.stream().map(Checkout::currency).toArray(String[]::new))
                .bind("days", checkouts.stream().map(c -> c.day().toString()).toArray(String[]::new))
                .bind("customers", checkouts.stream().map(c -> c.customerId() == null ? null : c.customerId().toString())
                        .toArray(String[]::new))
                .map(row -> row.get("order_id", UUID.class))
                .all()
                .collect(Collectors.toSet());
    }
}
