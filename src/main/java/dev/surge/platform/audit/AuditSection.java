package dev.surge.platform.audit;

import dev.surge.platform.privacy.PersonalDataSection;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The export's {@code audit} part: every audit record the account made or that is about it, oldest first. */
@Component
class AuditSection implements PersonalDataSection {

    private final DatabaseClient db;
    private final JsonMapper json;

    AuditSection(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public Mono<Object> export(UUID accountId) {
        return db.sql("""
                SELECT occurred_at, action, actor_id, subject_id, ip_address, user_agent, details::text AS details
                FROM audit_log WHERE actor_id = :user OR subject_id = :user ORDER BY occurred_at, id""")
                .bind("user", accountId)
                .map(this::entry).all().collectList().map(list -> (Object) list);
    }

    private Entry entry(Readable row) {
        String details = row.get("details", String.class);
        return new Entry(row.get("occurred_at", OffsetDateTime.class).toInstant(), row.get("action", String.class),
                row.get("actor_id", UUID.class), row.get("subject_id", UUID.class), row.get("ip_address", String.class),
                row.get("user_agent", String.class), json.readTree(details == null ? "{}" : details));
    }

    /** One audit record as the export shows it. */
    record Entry(Instant occurredAt, String action, UUID actorId, UUID subjectId, String ipAddress, String userAgent,
            JsonNode details) {
    }
}
