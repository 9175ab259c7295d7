package dev.surge.platform.events;

import dev.surge.platform.events.EventTransport.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code outbox_events} table as the relay reads and marks it. */
@Component
class OutboxRows {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonMapper json;

    OutboxRows(DatabaseClient db, TransactionalOperator tx, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.json = json;
    }

    /** Runs {@code work} in one transaction: the claim's row locks are held until it ends. */
    <T> Mono<T> inTransaction(Mono<T> work) {
        return work.as(tx::transactional);
    }

    /** Locks up to {@code limit} unpublished rows that other relays have not locked, oldest first. */
    Mono<List<OutboundMessage>> claim(int maxAttempts, int limit) {
        return db.sql("""
                SELECT id, topic, event_key, event_type, payload::text AS payload, headers::text AS headers
                FROM outbox_events
                WHERE published_at IS NULL AND attempts < :maxAttempts
                ORDER BY id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""")
                .bind("maxAttempts", maxAttempts)
                .bind("limit", limit)
                .map(row -> new OutboundMessage(row.get("id", UUID.class), row.get("topic", String.class),
                        row.get("event_key", String.class), row.get("event_type", String.class),
                        row.get("payload", String.class).getBytes(StandardCharsets.UTF_8),
                        json.readValue(row.get("headers", String.class), HEADERS)))
                .all()
                .collectList();
    }

    Mono<Long> markPublished(UUID[] ids) {
        return db.sql("UPDATE outbox_events SET published_at = now() WHERE id = ANY(:ids)")
                .bind("ids", ids).fetch().rowsUpdated();
    }

    /** Records the broker's refusal; {@code counted} is false when the broker looks down (not the row's fault). */
    Mono<Long> recordFailure(UUID id, String reason, boolean counted) {
        return db.sql("""
                UPDATE outbox_events
                SET attempts = attempts + :increment, last_error = left(:error, 2000)
                WHERE id = :id""")
                .bind("increment", counted ? 1 : 0)
                .bind("error", reason)
                .bind("id", id)
                .fetch().rowsUpdated();
    }

    /** Deletes up to {@code batch} of the oldest rows published before {@code cutoff}; emits how many. */
    Mono<Long> deletePublishedBefore(java.time.Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM outbox_events WHERE id IN (
                    SELECT id FROM outbox_events WHERE published_at < :cutoff ORDER BY published_at LIMIT :batch
                    FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff.atOffset(java.time.ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }

    /** Rows given up on: unpublished after {@code maxAttempts}. */
    Mono<Long> countParked(int maxAttempts) {
        return db.sql("SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL AND attempts >= :max")
                .bind("max", maxAttempts)
                .map(row -> row.get("n", Long.class)).one();
    }
}
