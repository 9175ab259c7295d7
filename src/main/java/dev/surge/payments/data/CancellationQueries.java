package dev.surge.payments.data;

import java.time.Duration;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of the cancellations at the provider of payments whose order we no longer sell ({@code payment_cancellations}). */
@Repository
public class CancellationQueries {

    private final DatabaseClient db;

    CancellationQueries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Schedules a cancellation for each payment of the order that can still be paid at its provider: open, or
     * failed (a Stripe PaymentIntent whose attempt was declined still takes another). Once per payment.
     *
     * @return how many were scheduled now
     */
    public Mono<Long> schedule(UUID orderId, String reason) {
        return db.sql("""
                INSERT INTO payment_cancellations (payment_id, order_id, reason)
                SELECT id, order_id, :reason FROM payments WHERE order_id = :order AND status IN ('INITIALIZED', 'FAILED')
                ON CONFLICT (payment_id) DO NOTHING""")
                .bind("order", orderId).bind("reason", reason)
                .fetch().rowsUpdated();
    }

    /** A cancellation claimed for one try; {@code attempts} counts this one. */
    public record Due(UUID paymentId, UUID orderId, String provider, String providerReference, String reason,
            int attempts) {
    }

    /**
     * Claims up to {@code limit} due cancellations for {@code lease}: rows another instance is claiming are
     * skipped ({@code SKIP LOCKED}), and a claimed row is not due again before the lease ends.
     */
    public Flux<Due> claim(int limit, Duration lease) {
        return db.sql("""
                WITH claimed AS (
                    UPDATE payment_cancellations SET attempts = attempts + 1,
                        next_attempt_at = now() + make_interval(secs => :lease)
                    WHERE payment_id IN (SELECT payment_id FROM payment_cancellations
                                         WHERE finished_at IS NULL AND next_attempt_at <= now()
                                         ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                    RETURNING payment_id, order_id, reason, attempts)
                SELECT c.payment_id, c.order_id, c.reason, c.attempts, p.provider, p.provider_reference
                FROM claimed c JOIN payments p ON p.id = c.payment_id""")
                .bind("limit", limit).bind("lease", seconds(lease))
                .map(row -> new Due(row.get("payment_id", UUID.class), row.get("order_id", UUID.class),
                        row.get("provider", String.class), row.get("provider_reference", String.class),
                        row.get("reason", String.class), row.get("attempts", Integer.class)))
                .all();
    }

    /** Ends the cancellation with its outcome. */
    public Mono<Void> finished(UUID paymentId, String outcome) {
        return db.sql("UPDATE payment_cancellations SET finished_at = now(), outcome = :outcome WHERE payment_id = :id")
                .bind("id", paymentId).bind("outcome", outcome).then();
    }

    /** Keeps the error and makes the cancellation due again after {@code wait}. */
    public Mono<Void> retryLater(UUID paymentId, String error, Duration wait) {
        return db.sql("UPDATE payment_cancellations SET last_error = :error, "
                        + "next_attempt_at = now() + make_interval(secs => :wait) WHERE payment_id = :id")
                .bind("id", paymentId).bind("error", error).bind("wait", seconds(wait)).then();
    }

    /** Hands a claimed cancellation back untried (this instance cannot reach its provider): due again after {@code wait}. */
    public Mono<Void> release(UUID paymentId, Duration wait) {
        return db.sql("UPDATE payment_cancellations SET attempts = attempts - 1, "
                        + "next_attempt_at = now() + make_interval(secs => :wait) WHERE payment_id = :id")
                .bind("id", paymentId).bind("wait", seconds(wait)).then();
    }

    /** The payment ends cancelled, unless something else (its success) moved it first. */
    public Mono<Boolean> markCanceled(UUID paymentId) {
        return db.sql("UPDATE payments SET status = 'CANCELED', updated_at = now() "
                        + "WHERE id = :id AND status IN ('INITIALIZED', 'FAILED')")
                .bind("id", paymentId).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
