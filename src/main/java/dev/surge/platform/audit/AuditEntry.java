package dev.surge.platform.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One audit record as read back: who ({@code actorId}) did what ({@code action}) to whom ({@code subjectId}). */
public record AuditEntry(UUID id, Instant occurredAt, String action, UUID actorId, UUID subjectId, String ipAddress,
        String userAgent, String requestId, JsonNode details) {
}
