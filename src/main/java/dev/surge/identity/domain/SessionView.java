package dev.surge.identity.domain;

import java.time.Instant;
import java.util.UUID;

/** One signed-in device; {@code current} marks the session of the request that lists them. */
public record SessionView(UUID id, String device, String ipAddress, Instant createdAt, Instant lastSeenAt,
        Instant expiresAt, boolean current) {
}
