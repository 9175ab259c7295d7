package dev.surge.payments.data;

import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.platform.persistence.Money;
import io.r2dbc.spi.Parameters;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of payments, their provider events and refunds. */
@Repository
public class PaymentQueries {

    private static final String COLUMNS = """
            id, order_id, provider, provider_reference, status, amount_minor, currency, received_minor, received_currency,
            refunded_minor, client_secret,
            authorization_url, flag, order_outcome, created_at, updated_at""";

    /** How long a newly stored event is left to the request that stored it and is applying it. */
    public static final long INLINE_GRACE_SECONDS = 30;

    private final DatabaseClient db;

    PaymentQueries(DatabaseClient db) {
        this.db = db;
    }

    // ---- payments

    /** Inserts a new payment; empty when an open one exists for the order and provider (the unique index). */
    public Mono<PaymentRow> insert(PaymentRow p) {
        return db.sql("""
                INSERT INTO payments (id, order_id, provider, provider_reference, status, amount_minor, currency,
                    client_secret, authorization_url, created_at, updated_at)
                VALUES (:id, :order, :provider, :reference, 'INITIALIZED', :amount, :currency, :secret, :url, :at, :at)
                ON CONFLICT DO NOTHING
                RETURNING\s""" + COLUMNS)
                .bind("id", p.id()).bind("order", p.orderId()).bind("provider", p.provider())
                .bind("reference", p.providerReference()).bind("amount", p.amount().amountMinor())
                .bind("currency", p.amount().currency())
                .bind("secret", nullable(p.clientSecret())).bind("url", nullable(p.authorizationUrl()))
                .bind("at", p.createdAt())
                .map(PaymentRows::payment).one();
    }

    public Mono<PaymentRow> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id").bind("id", id)
                .map(PaymentRows::payment).one();
    }

    /** The payment, locked until the end of the transaction. */
    public Mono<PaymentRow> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id FOR UPDATE").bind("id", id)
                .map(PaymentRows::payment).one();
    }

    public Mono<UUID> idByProviderReference(String provider, String reference) {
        return db.sql("SELECT id FROM payments WHERE provider = :p AND provider_reference = :r")
                .bind("p", provider).bind("r", reference).map(row -> row.get("id", UUID.class)).one();
    }

    public Mono<PaymentRow> open(UUID orderId, String provider) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :o AND provider = :p AND status = 'INITIALIZED'")
                .bind("o", orderId).bind("p", provider).map(PaymentRows::payment).one();
    }

    /** Moves a payment; {@code received}: what the provider says it took (null: unchanged). One statement. */
    public Mono<Void> update(UUID id, String status, String flag, String orderOutcome, long refundedMinor,
            Money received) {
        return db.sql("""
                UPDATE payments SET status = :status, flag = coalesce(:flag, flag),
                    order_outcome = coalesce(:outcome, order_outcome), refunded_minor = :refunded,
                    received_minor = coalesce(:amount, received_minor),
                    received_currency = coalesce(:currency, received_currency), updated_at = now()
                WHERE id = :id""")
                .bind("id", id).bind("status", status).bind("flag", nullable(flag)).bind("outcome", nullable(orderOutcome))
                .bind("refunded", refundedMinor)
                .bind("amount", received == null ? Parameters.in(Long.class) : received.amountMinor())
                .bind("currency", nullable(received == null ? null : received.currency())).then();
    }

    /** Our payments of a provider created in {@code [from, to]}, for reconciliation. */
    public Flux<PaymentRow> createdBetween(String provider, Instant from, Instant to) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE provider = :p AND created_at BETWEEN :from AND :to")
                .bind("p", provider).bind("from", from).bind("to", to).map(PaymentRows::payment).all();
    }

    // ---- events

    /**
     * Stores a verified event; false when this (provider, event id) was stored before (the repeat is counted in
     * {@code redeliveries}: {@code xmax = 0} tells an inserted row from an updated one). When {@code appliedNow},
     * the retry job leaves a new event to whoever stored it for {@link #INLINE_GRACE_SECONDS} (it is being applied
     * right away), so the two do not race for it; after that (a crash mid-way) the job takes it. Otherwise the
     * event is due at once, for the retry job to apply.
     */
    public Mono<Boolean> recordEvent(PaymentEvent e, boolean appliedNow) {
        Money amount = e.amount();
        return db.sql("""
                INSERT INTO payment_events (provider, event_id, type, provider_event_type, provider_reference,
                    payment_reference, refund_reference, amount_minor, currency, occurred_at, next_attempt_at,
                    dispute_reference, dispute_status, dispute_provider_status, dispute_reason)
                VALUES (:provider, :id, :type, :ptype, :pref, :ref, :rref, :amount, :currency, :at,
                    now() + make_interval(secs => :grace), :dref, :dstatus, :dpstatus, :dreason)
                ON CONFLICT (provider, event_id) DO UPDATE SET redeliveries = payment_events.redeliveries + 1
                RETURNING (xmax = 0) AS stored""")
                .bind("provider", e.provider()).bind("id", e.eventId()).bind("type", e.type().name())
                .bind("ptype", nullable(e.providerEventType())).bind("pref", nullable(e.providerReference()))
                .bind("ref", nullable(e.paymentReference())).bind("rref", nullable(e.refundReference()))
                .bind("amount", amount == null ? Parameters.in(Long.class) : amount.amountMinor())
                .bind("currency", amount == null ? Parameters.in(String.class) : amount.currency())
                .bind("at", e.occurredAt() == null ? Parameters.in(Instant.class) : e.occurredAt())
                .bind("grace", appliedNow ? (double) INLINE_GRACE_SECONDS : 0.0)
                .bind("dref", nullable(e.dispute() == null ? null : e.dispute().reference()))
                .bind("dstatus", nullable(e.dispute() == null ? null : e.dispute().status().name()))
                .bind("dpstatus", nullable(e.dispute() == null ? null : e.dispute().providerStatus()))
                .bind("dreason", nullable(e.dispute() == null ? null : e.dispute().reason()))
                .map(row -> Boolean.TRUE.equals(row.get("stored", Boolean.class))).one();
    }

    /** A stored event not yet applied, with the tries it has had. */
    public record StoredEvent(PaymentEvent event, int attempts) {
    }

    /** The event if still unprocessed. */
    public Mono<StoredEvent> unprocessed(String provider, String eventId) {
        return db.sql(EVENT_SELECT + " WHERE provider = :p AND event_id = :e AND processed_at IS NULL")
                .bind("p", provider).bind("e", eventId)
                .map(row -> new StoredEvent(PaymentRows.event(row), row.get("attempts", Integer.class))).one();
    }

    /** The event if still unprocessed, locked (empty if another transaction holds it: that one applies it). */
    public Mono<StoredEvent> lockUnprocessed(String provider, String eventId) {
        return db.sql(EVENT_SELECT + " WHERE provider = :p AND event_id = :e AND processed_at IS NULL FOR UPDATE SKIP LOCKED")
                .bind("p", provider).bind("e", eventId)
                .map(row -> new StoredEvent(PaymentRows.event(row), row.get("attempts", Integer.class))).one();
    }

    private static final String EVENT_SELECT = """
            SELECT provider, event_id, type, provider_event_type, provider_reference, payment_reference,
                refund_reference, amount_minor, currency, occurred_at, attempts, dispute_reference, dispute_status,
                dispute_provider_status, dispute_reason
            FROM payment_events""";

    public Mono<Void> processed(String provider, String eventId, UUID paymentId, String outcome) {
        return db.sql("""
                UPDATE payment_events SET processed_at = now(), outcome = :outcome, payment_id = :payment,
                    attempts = attempts + 1, last_error = NULL
                WHERE provider = :p AND event_id = :e""")
                .bind("p", provider).bind("e", eventId).bind("outcome", outcome)
                .bind("payment", paymentId == null ? Parameters.in(UUID.class) : paymentId).then();
    }

    /** Sets an event aside: processed, outcome {@code dead_letter}, with why (for finance to look into). */
    public Mono<Void> deadLetter(String provider, String eventId, String reason) {
        return db.sql("""
                UPDATE payment_events SET processed_at = now(), outcome = 'dead_letter', attempts = attempts + 1,
                    last_error = :reason
                WHERE provider = :p AND event_id = :e AND processed_at IS NULL""")
                .bind("p", provider).bind("e", eventId)
                .bind("reason", reason.length() > 500 ? reason.substring(0, 500) : reason).then();
    }

    /** Counts a failed try and puts the next one off by {@code backoffSeconds} doubled per try, at most {@code maxSeconds}. */
    public Mono<Void> failed(String provider, String eventId, String error, long maxSeconds) {
        return db.sql("""
                UPDATE payment_events SET attempts = attempts + 1, last_error = :error,
                    next_attempt_at = now() + make_interval(secs => least(:max, power(2, least(attempts, 20))))
                WHERE provider = :p AND event_id = :e AND processed_at IS NULL""")
                .bind("p", provider).bind("e", eventId).bind("error", error.length() > 500 ? error.substring(0, 500) : error)
                .bind("max", (double) maxSeconds).then();
    }

    public record EventKey(String provider, String eventId) {
    }

    public Flux<EventKey> due(int limit) {
        return db.sql("""
                SELECT provider, event_id FROM payment_events
                WHERE processed_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT :limit""")
                .bind("limit", limit)
                .map(row -> new EventKey(row.get("provider", String.class), row.get("event_id", String.class))).all();
    }

    public Mono<Long> unprocessedCount() {
        return db.sql("SELECT count(*) AS n FROM payment_events WHERE processed_at IS NULL")
                .map(row -> row.get("n", Long.class)).one();
    }

    // ---- refunds

    public Mono<RefundRow> insertRefund(RefundRow r) {
        return db.sql("""
                INSERT INTO refunds (id, payment_id, provider, refund_reference, status, amount_minor, currency,
                    idempotency_key, requested_by, attempt, provider_key)
                VALUES (:id, :payment, :provider, :ref, :status, :amount, :currency, :key, :by, :attempt, :pkey)
                ON CONFLICT DO NOTHING
                RETURNING\s""" + REFUND_COLUMNS)
                .bind("id", r.id()).bind("payment", r.paymentId()).bind("provider", r.provider())
                .bind("ref", nullable(r.refundReference())).bind("status", r.status())
                .bind("amount", r.amount().amountMinor()).bind("currency", r.amount().currency())
                .bind("key", nullable(r.idempotencyKey()))
                .bind("by", r.requestedBy() == null ? Parameters.in(UUID.class) : r.requestedBy())
                .bind("attempt", r.attempt()).bind("pkey", r.providerKey())
                .map(PaymentRows::refund).one();
    }

    public Mono<RefundRow> refundByKey(UUID paymentId, String key) {
        return db.sql(REFUND_SELECT + " WHERE payment_id = :p AND idempotency_key = :k")
                .bind("p", paymentId).bind("k", key).map(PaymentRows::refund).one();
    }

    public Mono<RefundRow> refundByReference(String provider, String reference) {
        return db.sql(REFUND_SELECT + " WHERE provider = :p AND refund_reference = :r FOR UPDATE")
                .bind("p", provider).bind("r", reference).map(PaymentRows::refund).one();
    }

    /** A refund of ours still waiting for the provider's reference (its call's answer was lost), of this amount. */
    public Mono<RefundRow> pendingWithoutReference(UUID paymentId, long amountMinor) {
        return db.sql(REFUND_SELECT + """
                 WHERE payment_id = :p AND refund_reference IS NULL AND status = 'PENDING' AND amount_minor = :amount
                ORDER BY created_at LIMIT 1 FOR UPDATE""")
                .bind("p", paymentId).bind("amount", amountMinor).map(PaymentRows::refund).one();
    }

    /** The refund's payment, read without a lock (lock the payment first, then the refund). */
    public Mono<UUID> refundPaymentId(UUID id) {
        return db.sql("SELECT payment_id FROM refunds WHERE id = :id").bind("id", id)
                .map(row -> row.get("payment_id", UUID.class)).one();
    }

    public Mono<RefundRow> refundById(UUID id) {
        return db.sql(REFUND_SELECT + " WHERE id = :id FOR UPDATE").bind("id", id).map(PaymentRows::refund).one();
    }

    public Flux<RefundRow> refunds(UUID paymentId) {
        return db.sql(REFUND_SELECT + " WHERE payment_id = :p ORDER BY created_at").bind("p", paymentId)
                .map(PaymentRows::refund).all();
    }

    /** Pending and succeeded refunds of the payment: what is no longer free to refund. */
    public Mono<Long> committedRefunds(UUID paymentId) {
        return db.sql("SELECT coalesce(sum(amount_minor), 0) AS n FROM refunds WHERE payment_id = :p AND status <> 'FAILED'")
                .bind("p", paymentId).map(row -> ((Number) row.get("n")).longValue()).one();
    }

    public Mono<Void> refundUpdate(UUID id, String reference, String status, boolean recorded) {
        return db.sql("""
                UPDATE refunds SET refund_reference = coalesce(:ref, refund_reference), status = :status,
                    recorded_at = CASE WHEN :recorded THEN now() ELSE recorded_at END, updated_at = now()
                WHERE id = :id""")
                .bind("id", id).bind("ref", nullable(reference)).bind("status", status).bind("recorded", recorded).then();
    }

    /**
     * A failed refund tried again: pending, its next attempt under a new provider key (a provider that keeps
     * answers by key, such as Stripe for 24 hours, would otherwise answer the old failure), without the old
     * attempt's reference, and not recorded. Empty unless it was FAILED.
     */
    public Mono<RefundRow> retryRefund(UUID id) {
        return db.sql("""
                UPDATE refunds SET status = 'PENDING', attempt = attempt + 1,
                    provider_key = 'refund-' || id || '-' || (attempt + 1), refund_reference = NULL, recorded_at = NULL,
                    updated_at = now()
                WHERE id = :id AND status = 'FAILED'
                RETURNING\s""" + REFUND_COLUMNS)
                .bind("id", id).map(PaymentRows::refund).one();
    }

    /** A recorded refund its provider failed afterwards: FAILED, with when that was learnt. */
    public Mono<Void> reverseRefund(UUID id) {
        return db.sql("UPDATE refunds SET status = 'FAILED', reversed_at = now(), updated_at = now() WHERE id = :id")
                .bind("id", id).then();
    }

    private static final String REFUND_COLUMNS = """
            id, payment_id, provider, refund_reference, status, amount_minor, currency, attempt, provider_key,
                recorded_at, reversed_at, created_at""";
    private static final String REFUND_SELECT = "SELECT " + REFUND_COLUMNS + " FROM refunds";

    // ---- mapping

    private static Object nullable(String value) {
        return value == null ? Parameters.in(String.class) : value;
    }

    /** Deletes up to {@code batch} webhook records processed before {@code cutoff}; unprocessed ones stay. */
    public Mono<Long> purgeProcessedEventsBefore(java.time.Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM payment_events WHERE (provider, event_id) IN (
                    SELECT provider, event_id FROM payment_events WHERE processed_at < :cutoff
                    ORDER BY processed_at LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff.atOffset(java.time.ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }
}
