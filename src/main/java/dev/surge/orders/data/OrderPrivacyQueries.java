package dev.surge.orders.data;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of a customer's personal data in orders: which orders are theirs, and anonymising them after an erasure. */
@Repository
public class OrderPrivacyQueries {

    /**
     * An address with every text value but {@code country} and {@code region} replaced (kept: they decide the tax
     * the order was charged, which the books must still show); JSON null (no billing address) stays null.
     */
    private static final String ANONYMISED = """
            CASE WHEN jsonb_typeof(%1$s) = 'object' THEN (
                SELECT coalesce(jsonb_object_agg(key, CASE
                    WHEN key IN ('country', 'region') OR jsonb_typeof(value) <> 'string' THEN value
                    ELSE to_jsonb(CAST(:erased AS text)) END), '{}'::jsonb)
                FROM jsonb_each(%1$s))
            ELSE %1$s END""";

    private final DatabaseClient db;

    OrderPrivacyQueries(DatabaseClient db) {
        this.db = db;
    }

    public Flux<UUID> orderIdsOf(UUID customerId) {
        return db.sql("SELECT id FROM orders WHERE customer_id = :customer ORDER BY id")
                .bind("customer", customerId).map(row -> row.get("id", UUID.class)).all();
    }

    /**
     * Replaces the buyer's email and the personal parts of both addresses on every order of the customer; the
     * orders, their lines, amounts and history stay. Emits how many orders changed (0 when run again).
     */
    public Mono<Long> anonymise(UUID customerId, String erasedEmail, String erasedText) {
        return db.sql("UPDATE orders SET email = :email, shipping_address = " + ANONYMISED.formatted("shipping_address")
                        + ", billing_address = " + ANONYMISED.formatted("billing_address") + ", updated_at = now()"
                        + " WHERE customer_id = :customer AND (email IS DISTINCT FROM :email"
                        + " OR shipping_address <> " + ANONYMISED.formatted("shipping_address")
                        + " OR billing_address <> " + ANONYMISED.formatted("billing_address") + ")")
                .bind("customer", customerId).bind("email", erasedEmail).bind("erased", erasedText)
                .fetch().rowsUpdated();
    }
}
