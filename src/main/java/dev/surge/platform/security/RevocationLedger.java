package dev.surge.platform.security;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Where session revocations are kept for good (the identity module's {@code auth_sessions.revoked_at}):
 * what {@link RevokedSessions} asks when its memory has no answer, so that a revocation outlives a Redis
 * flush or failover and a missed pub/sub message.
 */
public interface RevocationLedger {

    /** Whether the session was revoked; false for a session the ledger does not know. */
    Mono<Boolean> isRevoked(UUID sessionId);
}
