package dev.surge.platform.audit;

import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code audit_log} back for the back office: newest first, by keyset on ({@code occurred_at}, {@code id})
 * (records written in one transaction share {@code occurred_at}; their time-ordered ids keep them in order),
 * and deletes records past retention for {@link AuditPurge}.
 */
@Component
public class AuditLog {

    private final DatabaseClient db;
    private final Cursors cursors;
    private final JsonMapper json;

    AuditLog(DatabaseClient db, Cursors cursors, JsonMapper json) {
        this.db = db;
        this.cursors = cursors;
        this.json = json;
    }

    /** One page of records matching {@code query}, newest first; {@code cursor} is the previous page's. */
    public Mono<Page<AuditEntry>> page(AuditQuery query, int limit, String cursor) {
        return Mono.defer(() -> {
            Key after = cursor == null ? null : after(cursors.decode(cursor, query.scope()));
            return select(query, after, limit + 1).collectList();
        })
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Page<>(rows, null);
                    }
                    List<AuditEntry> items = rows.subList(0, limit);
                    AuditEntry last = items.get(limit - 1);
                    return new Page<>(List.copyOf(items), cursors.encode(query.scope(),
                            List.of(last.occurredAt().toString(), last.id().toString())));
                });
    }

    /** Deletes up to {@code batch} of the oldest records written before {@code cutoff}; emits how many. */
    Mono<Long> purgeBefore(Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM audit_log WHERE id IN (
                    SELECT id FROM audit_log WHERE occurred_at < :cutoff ORDER BY occurred_at LIMIT :batch
                    FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", utc(cutoff))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }

    private Flux<AuditEntry> select(AuditQuery query, Key after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, occurred_at, action, actor_id, subject_id, ip_address, user_agent, request_id,
                       details::text AS details
                FROM audit_log WHERE true""");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.actor() != null) {
            sql.append(" AND actor_id = :actor");
            binds.put("actor", query.actor());
        }
        if (query.action() != null) {
            sql.append(" AND action = :action");
            binds.put("action", query.action());
        }
        if (query.target() != null) {
            sql.append(" AND subject_id = :target");
            binds.put("target", query.target());
        }
        if (query.from() != null) {
            sql.append(" AND occurred_at >= :from");
            binds.put("from", utc(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND occurred_at < :to");
            binds.put("to", utc(query.to()));
        }
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (:afterAt, :afterId)");
            binds.put("afterAt", utc(after.occurredAt()));
            binds.put("afterId", after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        binds.put("limit", limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(this::entry).all();
    }

    private AuditEntry entry(Readable row) {
        String details = row.get("details", String.class);
        return new AuditEntry(row.get("id", UUID.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
                row.get("action", String.class), row.get("actor_id", UUID.class), row.get("subject_id", UUID.class),
                row.get("ip_address", String.class), row.get("user_agent", String.class),
                row.get("request_id", String.class), json.readTree(details == null ? "{}" : details));
    }

    /** The sort keys of a cursor; a signed cursor always parses, this only guards against a change of format. */
    private static Key after(List<String> keys) {
        UUID id = keys.size() == 2 ? Ids.parseOrNull(keys.get(1)) : null;
        try {
            if (id != null) {
                return new Key(Instant.parse(keys.get(0)), id);
            }
        } catch (DateTimeParseException e) {
            // falls through to the refusal
        }
        throw new AuditErrors.InvalidCursor();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private record Key(Instant occurredAt, UUID id) {
    }
}
