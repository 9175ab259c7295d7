package dev.surge.identity.domain;

import java.time.Instant;
import java.util.UUID;

/** An account as its owner (and admins) see it. Never the password hash. */
public record Account(UUID id, String email, String displayName, String role, UUID merchantId, boolean emailVerified,
        Instant createdAt) {
}
