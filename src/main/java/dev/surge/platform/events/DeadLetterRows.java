package dev.surge.platform.events;

import dev.surge.platform.persistence.Ids;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code dead_letters} table: recorded once per dead-letter record, read by staff, settled by them. */
@Component
class DeadLetterRows {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, status, topic, source_partition, source_offset, event_key, event_id, event_type, handler,
            error_class, error_message, dead_lettered_at, recorded_at, resolved_at, resolved_by, replay_of""";

    private final DatabaseClient db;
    private final JsonMapper json;

    DeadLetterRows(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A dead letter as read off its topic. */
    record Incoming(String dltTopic, int dltPartition, long dltOffset, DeadLetter letter, byte[] payload,
            Map<String, String> headers) {
    }

    /** A dead letter with what a replay needs. */
    record Stored(DeadLetter letter, byte[] payload, Map<String, String> headers) {
    }

    /** Emits whether the row is new: false for a dead-letter record seen before (a redelivery). */
    Mono<Boolean> insert(Incoming in) {
        DeadLetter letter = in.letter();
        GenericExecuteSpec spec = db.sql("""
                INSERT INTO dead_letters (id, dlt_topic, dlt_partition, dlt_offset, topic, source_partition,
                    source_offset, event_key, event_id, event_type, handler, error_class, error_message, payload,
                    headers, dead_lettered_at, replay_of)
                VALUES (:id, :dltTopic, :dltPartition, :dltOffset, :topic, :partition, :offset, :key, :eventId,
                    :eventType, :handler, :errorClass, :errorMessage, :payload, :headers, :at, :replayOf)
                ON CONFLICT ON CONSTRAINT dead_letters_record DO NOTHING""")
                .bind("id", Ids.newId())
                .bind("dltTopic", in.dltTopic())
                .bind("dltPartition", in.dltPartition())
                .bind("dltOffset", in.dltOffset())
                .bind("topic", letter.topic())
                .bind("handler", letter.handler())
                .bind("headers", Json.of(json.writeValueAsBytes(in.headers())))
                .bind("at", utc(letter.deadLetteredAt()));
        spec = nullable(spec, "partition", letter.partition(), Integer.class);
        spec = nullable(spec, "offset", letter.offset(), Long.class);
        spec = nullable(spec, "key", letter.key(), String.class);
        spec = nullable(spec, "eventId", letter.eventId(), UUID.class);
        spec = nullable(spec, "eventType", letter.eventType(), String.class);
        spec = nullable(spec, "errorClass", letter.errorClass(), String.class);
        spec = nullable(spec, "errorMessage", letter.errorMessage(), String.class);
        spec = nullable(spec, "payload", in.payload() == null ? null : ByteBuffer.wrap(in.payload()), ByteBuffer.class);
        spec = nullable(spec, "replayOf", letter.replayOf(), UUID.class);
        return spec.fetch().rowsUpdated().map(inserted -> inserted == 1);
    }

    /** Newest first (ids are time-ordered), after {@code before} when given. */
    Flux<DeadLetter> page(DeadLetterQuery query, UUID before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letters WHERE true");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.topic() != null) {
            sql.append(" AND topic = :topic");
            binds.put("topic", query.topic());
        }
        if (query.handler() != null) {
            sql.append(" AND handler = :handler");
            binds.put("handler", query.handler());
        }
        if (query.status() != null) {
            sql.append(" AND status = :status");
            binds.put("status", query.status().toString());
        }
        if (before != null) {
            sql.append(" AND id < :before");
            binds.put("before", before);
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        binds.put("limit", limit);
        GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(DeadLetterRows::letter).all();
    }

    Mono<DeadLetter> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM dead_letters WHERE id = :id").bind("id", id)
                .map(DeadLetterRows::letter).one();
    }

    /** The row, locked until the transaction ends: a concurrent replay or discard of it waits, then sees the outcome. */
    Mono<Stored> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + ", payload, headers::text AS headers FROM dead_letters WHERE id = :id FOR UPDATE")
                .bind("id", id).map(this::stored).one();
    }

    /**
     * Up to {@code limit} replayable pending rows that no one else has locked, oldest first, recorded no later than
     * {@code upTo} (so that a bulk replay ends even while new dead letters arrive), for one of {@code handlers}.
     */
    Flux<Stored> claimPending(DeadLetterQuery query, Collection<String> handlers, UUID upTo, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + """
                , payload, headers::text AS headers FROM dead_letters
                WHERE status = 'pending' AND event_id IS NOT NULL AND event_type IS NOT NULL
                  AND handler = ANY(:handlers) AND id <= :upTo""");
        if (query.topic() != null) {
            sql.append(" AND topic = :topic");
        }
        if (query.handler() != null) {
            sql.append(" AND handler = :handler");
        }
        sql.append(" ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED");
        GenericExecuteSpec spec = db.sql(sql.toString())
                .bind("handlers", handlers.toArray(String[]::new))
                .bind("upTo", upTo)
                .bind("limit", limit);
        spec = query.topic() == null ? spec : spec.bind("topic", query.topic());
        spec = query.handler() == null ? spec : spec.bind("handler", query.handler());
        return spec.map(this::stored).all();
    }

    /** Settles pending rows; emits how many it changed. */
    Mono<Long> resolve(List<UUID> ids, DeadLetterStatus status, UUID actor) {
        return nullable(db.sql("""
                UPDATE dead_letters SET status = :status, resolved_at = now(), resolved_by = :actor
                WHERE id = ANY(:ids) AND status = 'pending'""")
                .bind("status", status.toString())
                .bind("ids", ids.toArray(UUID[]::new)), "actor", actor, UUID.class)
                .fetch().rowsUpdated();
    }

    /** Pending rows per topic (topics without any are absent). */
    Flux<Map.Entry<String, Long>> pendingByTopic() {
        return db.sql("SELECT topic, count(*) AS n FROM dead_letters WHERE status = 'pending' GROUP BY topic")
                .map(row -> Map.entry(row.get("topic", String.class), row.get("n", Long.class)))
                .all();
    }

    private Stored stored(Readable row) {
        return new Stored(letter(row), row.get("payload", byte[].class),
                json.readValue(row.get("headers", String.class), HEADERS));
    }

    private static DeadLetter letter(Readable row) {
        return new DeadLetter(row.get("id", UUID.class), DeadLetterStatus.of(row.get("status", String.class)),
                row.get("topic", String.class), row.get("source_partition", Integer.class),
                row.get("source_offset", Long.class), row.get("event_key", String.class),
                row.get("event_id", UUID.class), row.get("event_type", String.class), row.get("handler", String.class),
                row.get("error_class", String.class), row.get("error_message", String.class),
                instant(row, "dead_lettered_at"), instant(row, "recorded_at"), instant(row, "resolved_at"),
                row.get("resolved_by", UUID.class), row.get("replay_of", UUID.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** Deletes up to {@code batch} replayed or discarded rows resolved before {@code cutoff}; emits how many. */
    Mono<Long> purgeResolvedBefore(java.time.Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM dead_letters WHERE id IN (
                    SELECT id FROM dead_letters WHERE status <> 'pending' AND resolved_at < :cutoff
                    ORDER BY resolved_at LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff.atOffset(java.time.ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }
}
