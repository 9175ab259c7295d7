package dev.surge.notifications.data;

import dev.surge.platform.persistence.Ids;
import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL of the {@code notifications} table: recorded once per (event, template, recipient), claimed for sending with
 * {@code SKIP LOCKED} (instances never send the same row at once), settled as SENT, retried, or FAILED.
 */
@Repository
public class NotificationQueries {

    private static final String COLUMNS = """
            id, event_id, event_type, template, recipient, subject, order_id, merchant_id, status, attempts, last_error,
            next_attempt_at, created_at, updated_at, sent_at""";

    private final DatabaseClient db;

    NotificationQueries(DatabaseClient db) {
        this.db = db;
    }

    /** A notification to record; {@code model} is the template's values as JSON. */
    public record NewNotification(UUID eventId, String eventType, String template, String recipient, String subject,
            byte[] model, UUID orderId, UUID merchantId) {
    }

    /** A recorded notification, without its model. */
    public record NotificationRow(UUID id, UUID eventId, String eventType, String template, String recipient,
            String subject, UUID orderId, UUID merchantId, String status, int attempts, String lastError,
            Instant nextAttemptAt, Instant createdAt, Instant updatedAt, Instant sentAt) {
    }

    /** A notification claimed for a send attempt: {@code attempts} counts this one. */
    public record DueRow(UUID id, String template, String recipient, String subject, String model, int attempts,
            UUID orderId) {
    }

    /** Which rows a list shows; null: any. */
    public record Filter(String status, String recipient, UUID orderId, String template) {
    }

    /**
     * Records the notifications in one statement, each unless its event already made its template for its recipient
     * (before, or earlier in the list).
     */
    public Mono<Void> record(List<NewNotification> all) {
        if (all.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                INSERT INTO notifications (id, event_id, event_type, template, recipient, subject, model, order_id,
                                           merchant_id)
                SELECT id, event_id, event_type, template, recipient, subject, model::jsonb, order_id, merchant_id
                FROM unnest(:ids::uuid[], :events::uuid[], :types::text[], :templates::text[], :recipients::text[],
                    :subjects::text[], :models::text[], :orders::uuid[], :merchants::uuid[])
                    AS n(id, event_id, event_type, template, recipient, subject, model, order_id, merchant_id)
                ON CONFLICT (event_id, template, recipient) DO NOTHING""")
                .bind("ids", all.stream().map(n -> Ids.newId()).toArray(UUID[]::new))
                .bind("events", all.stream().map(NewNotification::eventId).toArray(UUID[]::new))
                .bind("types", all.stream().map(NewNotification::eventType).toArray(String[]::new))
                .bind("templates", all.stream().map(NewNotification::template).toArray(String[]::new))
                .bind("recipients", all.stream().map(NewNotification::recipient).toArray(String[]::new))
                .bind("subjects", all.stream().map(NewNotification::subject).toArray(String[]::new))
                .bind("models", all.stream().map(n -> new String(n.model(), StandardCharsets.UTF_8))
                        .toArray(String[]::new))
                .bind("orders", all.stream().map(n -> n.orderId() == null ? null : n.orderId().toString())
                        .toArray(String[]::new))
                .bind("merchants", all.stream().map(n -> n.merchantId() == null ? null : n.merchantId().toString())
                        .toArray(String[]::new))
                .then();
    }

    /**
     * Claims up to {@code limit} rows due for sending, oldest due first, and keeps them from every other claim for
     * {@code lease} (the attempt settles them sooner); each claim counts an attempt.
     */
    public Flux<DueRow> claim(int limit, Duration lease) {
        return db.sql("""
                UPDATE notifications SET attempts = attempts + 1, updated_at = now(),
                       next_attempt_at = now() + make_interval(secs => :lease)
                WHERE id IN (SELECT id FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= now()
                             ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id, template, recipient, subject, model::text AS model, attempts, order_id""")
                .bind("lease", (double) lease.toMillis() / 1000).bind("limit", limit)
                .map(row -> new DueRow(row.get("id", UUID.class), row.get("template", String.class),
                        row.get("recipient", String.class), row.get("subject", String.class),
                        row.get("model", String.class), row.get("attempts", Integer.class),
                        row.get("order_id", UUID.class)))
                .all();
    }

    public Mono<Void> sent(UUID id) {
        return db.sql("UPDATE notifications SET status = 'SENT', sent_at = now(), updated_at = now(), last_error = NULL "
                        + "WHERE id = :id AND status = 'PENDING'")
                .bind("id", id).then();
    }

    /** {@link #sent(UUID)} for several, in one statement. */
    public Mono<Void> sentAll(Collection<UUID> ids) {
        return db.sql("UPDATE notifications SET status = 'SENT', sent_at = now(), updated_at = now(), last_error = NULL "
                        + "WHERE id = ANY(:ids) AND status = 'PENDING'")
                .bind("ids", ids.toArray(UUID[]::new)).then();
    }

    /** Records a failed attempt: tried again after {@code retryIn}, or FAILED when {@code retryIn} is null. */
    public Mono<Void> attemptFailed(UUID id, String error, Duration retryIn) {
        return db.sql("""
                UPDATE notifications SET last_error = :error, updated_at = now(),
                       status = CASE WHEN :giveUp THEN 'FAILED' ELSE status END,
                       next_attempt_at = now() + make_interval(secs => :retry)
                WHERE id = :id AND status = 'PENDING'""")
                .bind("id", id).bind("error", error).bind("giveUp", retryIn == null)
                .bind("retry", retryIn == null ? 0.0 : (double) retryIn.toMillis() / 1000)
                .then();
    }

    /** A page of rows matching {@code filter}, newest first, after the ({@code createdAt}, {@code id}) key. */
    public Flux<NotificationRow> page(Filter filter, Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notifications WHERE true");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            binds.put("status", filter.status());
        }
        if (filter.recipient() != null) {
            sql.append(" AND lower(recipient) = lower(:recipient)");
            binds.put("recipient", filter.recipient());
        }
        if (filter.orderId() != null) {
            sql.append(" AND order_id = :order");
            binds.put("order", filter.orderId());
        }
        if (filter.template() != null) {
            sql.append(" AND template = :template");
            binds.put("template", filter.template());
        }
        if (afterId != null) {
            sql.append(" AND (created_at, id) < (:afterAt, :afterId)");
            binds.put("afterAt", afterCreatedAt.atOffset(ZoneOffset.UTC));
            binds.put("afterId", afterId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        binds.put("limit", limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(NotificationQueries::row).all();
    }

    private static NotificationRow row(Readable row) {
        return new NotificationRow(row.get("id", UUID.class), row.get("event_id", UUID.class),
                row.get("event_type", String.class), row.get("template", String.class),
                row.get("recipient", String.class), row.get("subject", String.class), row.get("order_id", UUID.class),
                row.get("merchant_id", UUID.class), row.get("status", String.class), row.get("attempts", Integer.class),
                row.get("last_error", String.class), instant(row, "next_attempt_at"), instant(row, "created_at"),
                instant(row, "updated_at"), instant(row, "sent_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Deletes up to {@code batch} sent or failed records last changed before {@code cutoff}; pending ones stay. */
    public Mono<Long> purgeSettledBefore(java.time.Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM notifications WHERE id IN (
                    SELECT id FROM notifications WHERE status <> 'PENDING' AND updated_at < :cutoff
                    ORDER BY updated_at LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff.atOffset(java.time.ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }

    /** The emails recorded to the buyer of these orders (not their merchants' notices), oldest first. */
    public Flux<SentEmail> buyerEmails(UUID[] orderIds) {
        return db.sql("""
                SELECT template, subject, recipient, status, order_id, created_at, sent_at FROM notifications
                WHERE order_id = ANY(:orders) AND merchant_id IS NULL ORDER BY created_at, id""")
                .bind("orders", orderIds)
                .map(row -> new SentEmail(row.get("template", String.class), row.get("subject", String.class),
                        row.get("recipient", String.class), row.get("status", String.class),
                        row.get("order_id", UUID.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(row.get("sent_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .all();
    }

    /**
     * After the buyer's account was erased: the buyer's emails of these orders get {@code erasedEmail} as recipient
     * (those not sent yet are not sent: {@code FAILED, account_erased}), and every email of them (merchants' too)
     * loses the shipping address from its values. Idempotent: run again, it changes nothing.
     */
    public Mono<Long> anonymise(UUID[] orderIds, String erasedEmail) {
        return db.sql("""
                UPDATE notifications SET
                    recipient = CASE WHEN merchant_id IS NULL THEN :erased ELSE recipient END,
                    status = CASE WHEN merchant_id IS NULL AND status = 'PENDING' THEN 'FAILED' ELSE status END,
                    last_error = CASE WHEN merchant_id IS NULL AND status = 'PENDING' THEN 'account_erased'
                                      ELSE last_error END,
                    model = model #- '{order,address}', updated_at = now()
                WHERE order_id = ANY(:orders)
                  AND ((merchant_id IS NULL AND recipient <> :erased) OR model #> '{order,address}' IS NOT NULL)""")
                .bind("orders", orderIds).bind("erased", erasedEmail)
                .fetch().rowsUpdated();
    }

    /** An email to the buyer as their personal-data export shows it. */
    public record SentEmail(String template, String subject, String recipient, String status, UUID orderId,
            Instant createdAt, Instant sentAt) {
    }
}
