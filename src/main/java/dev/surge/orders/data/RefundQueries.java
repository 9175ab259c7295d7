package dev.surge.orders.data;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import java.time.Duration;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of the money an order owes back and the refunds recorded against it. */
@Repository
public class RefundQueries {

    private final DatabaseClient db;

    RefundQueries(DatabaseClient db) {
        this.db = db;
    }

    /** Records money owed back for a payment (once per payment and reason). */
    public Mono<Void> refundDue(UUID orderId, String reason, String paymentReference, Money amount) {
        return db.sql("""
                INSERT INTO order_refunds_due (id, order_id, reason, payment_reference, amount_minor, currency)
                VALUES (:id, :order, :reason, :reference, :amount, :currency)
                ON CONFLICT (order_id, payment_reference, reason) DO NOTHING""")
                .bind("id", Ids.newId()).bind("order", orderId).bind("reason", reason)
                .bind("reference", paymentReference).bind("amount", amount.amountMinor())
                .bind("currency", amount.currency())
                .then();
    }

    /**
     * Records a refund once per reference; false when this reference was recorded before (and stands). One
     * taken back ({@link #reverse}) counts again when its provider confirms it again.
     */
    public Mono<Boolean> firstRefund(UUID orderId, String refundReference, long amountMinor) {
        return db.sql("""
                INSERT INTO order_refunds (order_id, refund_reference, amount_minor) VALUES (:o, :r, :a)
                ON CONFLICT (order_id, refund_reference) DO UPDATE SET reversed_at = NULL
                WHERE order_refunds.reversed_at IS NOT NULL""")
                .bind("o", orderId).bind("r", refundReference).bind("a", amountMinor)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /**
     * Counts a refund against what is owed back for one payment; settled once refunds reach the amount.
     * False when nothing was open for that payment.
     */
    public Mono<Boolean> settleDue(UUID orderId, String paymentReference, long amountMinor) {
        return db.sql("""
                UPDATE order_refunds_due SET refunded_minor = refunded_minor + :a,
                    settled_at = CASE WHEN refunded_minor + :a >= amount_minor THEN now() END
                WHERE id = (SELECT id FROM order_refunds_due WHERE order_id = :o AND payment_reference = :p
                            AND settled_at IS NULL ORDER BY created_at, id LIMIT 1)""")
                .bind("o", orderId).bind("p", paymentReference).bind("a", amountMinor)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Adds a refund to a closed (cancelled) paid order, within what was paid; false when it would exceed it. */
    public Mono<Boolean> addRefunded(UUID orderId, long amountMinor) {
        return db.sql("UPDATE orders SET refunded_minor = refunded_minor + :a, version = version + 1, updated_at = now() "
                        + "WHERE id = :o AND refunded_minor + :a <= coalesce(paid_minor, 0)")
                .bind("o", orderId).bind("a", amountMinor)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Takes back a recorded refund its provider failed; false when it was not recorded or taken back before. */
    public Mono<Boolean> reverse(UUID orderId, String refundReference) {
        return db.sql("UPDATE order_refunds SET reversed_at = now() WHERE order_id = :o AND refund_reference = :r "
                        + "AND reversed_at IS NULL")
                .bind("o", orderId).bind("r", refundReference)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** A refund of the order's payment failed after it succeeded: owed again, added to any such debt before. */
    public Mono<Void> owedAgain(UUID orderId, String paymentReference, Money amount) {
        return db.sql("""
                INSERT INTO order_refunds_due (id, order_id, reason, payment_reference, amount_minor, currency)
                VALUES (:id, :order, 'refund_failed', :reference, :amount, :currency)
                ON CONFLICT (order_id, payment_reference, reason) DO UPDATE
                    SET amount_minor = order_refunds_due.amount_minor + EXCLUDED.amount_minor, settled_at = NULL""")
                .bind("id", Ids.newId()).bind("order", orderId).bind("reference", paymentReference)
                .bind("amount", amount.amountMinor()).bind("currency", amount.currency())
                .then();
    }

    /** Undoes {@link #settleDue} for a refund that failed afterwards: that much is owed back again. */
    public Mono<Boolean> unsettleDue(UUID orderId, String paymentReference, long amountMinor) {
        return db.sql("""
                UPDATE order_refunds_due SET refunded_minor = greatest(0, refunded_minor - :a), settled_at = NULL
                WHERE id = (SELECT id FROM order_refunds_due WHERE order_id = :o AND payment_reference = :p
                            AND refunded_minor > 0 ORDER BY created_at DESC, id DESC LIMIT 1)""")
                .bind("o", orderId).bind("p", paymentReference).bind("a", amountMinor)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Sets what a closed (cancelled, or refunded and restocked) order counts as refunded. */
    public Mono<Void> setRefunded(UUID orderId, long amountMinor) {
        return db.sql("UPDATE orders SET refunded_minor = :a, version = version + 1, updated_at = now() WHERE id = :o")
                .bind("o", orderId).bind("a", amountMinor).then();
    }

    /** The status the order had before it was (last) refunded, from its history; empty if never refunded. */
    public Mono<String> statusBeforeRefunds(UUID orderId) {
        return db.sql("""
                SELECT from_status FROM order_status_history
                WHERE order_id = :o AND to_status IN ('REFUNDED', 'PARTIALLY_REFUNDED')
                    AND from_status NOT IN ('REFUNDED', 'PARTIALLY_REFUNDED')
                ORDER BY created_at DESC, id DESC LIMIT 1""")
                .bind("o", orderId).map(row -> row.get("from_status", String.class)).one();
    }

    /** Money owed back, claimed for one refund attempt; {@code attempts} counts this one. */
    public record ClaimedDue(UUID id, UUID orderId, String reason, String paymentReference, Money amount, int attempts) {
    }

    /**
     * Claims up to {@code limit} open amounts owed back for the given reasons, each for {@code lease}: rows
     * another instance is claiming are skipped ({@code SKIP LOCKED}), and a claimed row is not due again before
     * the lease ends. Rows already requested from the provider, settled or given up are not due.
     */
    public Flux<ClaimedDue> claimDue(java.util.List<String> reasons, int limit, Duration lease) {
        return db.sql("""
                UPDATE order_refunds_due SET attempts = attempts + 1,
                    next_attempt_at = now() + make_interval(secs => :lease)
                WHERE id IN (SELECT id FROM order_refunds_due
                             WHERE settled_at IS NULL AND refund_requested_at IS NULL AND gave_up_at IS NULL
                               AND next_attempt_at <= now() AND reason = ANY(:reasons)
                             ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id, order_id, reason, payment_reference, amount_minor, currency, attempts""")
                .bind("reasons", reasons.toArray(String[]::new)).bind("limit", limit).bind("lease", seconds(lease))
                .map(row -> new ClaimedDue(row.get("id", UUID.class), row.get("order_id", UUID.class),
                        row.get("reason", String.class), row.get("payment_reference", String.class),
                        Money.of(row.get("amount_minor", Long.class), row.get("currency", String.class)),
                        row.get("attempts", Integer.class)))
                .all();
    }

    /** The refund was asked of the provider (or is not needed any more): the job is done with the row. */
    public Mono<Void> dueRequested(UUID id, String note) {
        return db.sql("UPDATE order_refunds_due SET refund_requested_at = now(), last_error = :note WHERE id = :id")
                .bind("id", id).bind("note", note == null ? io.r2dbc.spi.Parameters.in(String.class) : note).then();
    }

    /** The attempt failed: keeps the error, due again after {@code wait}. */
    public Mono<Void> dueRetry(UUID id, String error, Duration wait) {
        return db.sql("UPDATE order_refunds_due SET last_error = :error, "
                        + "next_attempt_at = now() + make_interval(secs => :wait) WHERE id = :id")
                .bind("id", id).bind("error", error).bind("wait", seconds(wait)).then();
    }

    /** Handed back untried: due again after {@code wait}, the attempt not counted. */
    public Mono<Void> dueReleased(UUID id, Duration wait) {
        return db.sql("UPDATE order_refunds_due SET attempts = attempts - 1, "
                        + "next_attempt_at = now() + make_interval(secs => :wait) WHERE id = :id")
                .bind("id", id).bind("wait", seconds(wait)).then();
    }

    /** No more tries: the row stays open (owed, unsettled) for staff. */
    public Mono<Void> dueGaveUp(UUID id, String error) {
        return db.sql("UPDATE order_refunds_due SET gave_up_at = now(), last_error = :error WHERE id = :id")
                .bind("id", id).bind("error", error).then();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
