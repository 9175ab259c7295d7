package dev.surge.platform.audit;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.web.RequestIds;
import io.r2dbc.postgresql.codec.Json;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to {@code audit_log}: who ({@code actor}) did what ({@code action}) to whom ({@code subject}),
 * from where, in which request. Joins the caller's transaction when there is one, so an audited change
 * and its record commit together; a failed sign-in is recorded on its own.
 */
@Component
public class AuditTrail {

    private final DatabaseClient db;
    private final JsonMapper json;

    AuditTrail(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> record(String action, UUID actor, UUID subject, Origin origin, Map<String, ?> details) {
        return Mono.deferContextual(context -> db.sql("""
                INSERT INTO audit_log (id, action, actor_id, subject_id, ip_address, user_agent, request_id, details)
                VALUES (:id, :action, :actor, :subject, :ip, :agent, :request, :details)""")
                .bind("id", Ids.newId())
                .bind("action", action)
                .bind("actor", nullable(actor))
                .bind("subject", nullable(subject))
                .bind("ip", origin.ipAddress() == null ? io.r2dbc.spi.Parameters.in(String.class) : origin.ipAddress())
                .bind("agent", origin.userAgent() == null ? io.r2dbc.spi.Parameters.in(String.class) : origin.userAgent())
                .bind("request", RequestIds.of(context))
                .bind("details", Json.of(json.writeValueAsBytes(details)))
                .then());
    }

    private static Object nullable(UUID id) {
        return id == null ? io.r2dbc.spi.Parameters.in(UUID.class) : id;
    }

    /** Where a request came from: client address and user agent (both as sent, possibly absent). */
    public record Origin(String ipAddress, String userAgent) {

        /** The user agent is kept to its first 512 characters. */
        public static Origin of(String ipAddress, String userAgent) {
            return new Origin(ipAddress, userAgent == null || userAgent.length() <= 512 ? userAgent
                    : userAgent.substring(0, 512));
        }
    }
}
