package dev.surge.identity.data;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sessions' SQL: signed-in devices and their single-use refresh tokens. A refresh token lives only as long
 * as its session row: revoking the session ends them all.
 */
@Repository
public class SessionQueries {

    private final DatabaseClient db;

    SessionQueries(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insertSession(UUID id, UUID userId, String device, String ipAddress, Instant expiresAt) {
        return db.sql("""
                INSERT INTO auth_sessions (id, user_id, device, ip_address, expires_at)
                VALUES (:id, :user, :device, :ip, :expires)""")
                .bind("id", id).bind("user", userId).bind("device", device)
                .bind("ip", ipAddress == null ? Parameters.in(String.class) : ipAddress)
                .bind("expires", expiresAt.atOffset(java.time.ZoneOffset.UTC))
                .then();
    }

    /** Whether the account has signed in from this device before (this sign-in excluded). */
    public Mono<Boolean> knownDevice(UUID userId, String device, UUID exceptSession) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM auth_sessions WHERE user_id = :user AND device = :device AND id <> :session) AS known")
                .bind("user", userId).bind("device", device).bind("session", exceptSession)
                .map(row -> Boolean.TRUE.equals(row.get("known", Boolean.class))).one();
    }

    public Flux<SessionRow> activeSessions(UUID userId) {
        return db.sql("""
                SELECT id, user_id, device, ip_address, created_at, last_seen_at, expires_at, revoked_at
                FROM auth_sessions
                WHERE user_id = :user AND revoked_at IS NULL AND expires_at > now()
                ORDER BY last_seen_at DESC""")
                .bind("user", userId).map(SessionQueries::session).all();
    }

    /** Whether the session was revoked; false for an unknown session. */
    public Mono<Boolean> isRevoked(UUID sessionId) {
        return db.sql("SELECT revoked_at IS NOT NULL AS revoked FROM auth_sessions WHERE id = :id")
                .bind("id", sessionId)
                .map(row -> Boolean.TRUE.equals(row.get("revoked", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    /** Revokes one session of this user; empty when it is not theirs or already ended. */
    public Mono<UUID> revokeSession(UUID userId, UUID sessionId, String reason) {
        return db.sql("""
                UPDATE auth_sessions SET revoked_at = now(), revoked_reason = :reason
                WHERE id = :id AND user_id = :user AND revoked_at IS NULL
                RETURNING id""")
                .bind("id", sessionId).bind("user", userId).bind("reason", reason)
                .map(row -> row.get("id", UUID.class)).one();
    }

    /** Revokes every live session of the user except {@code keep} (may be null); returns their ids. */
    public Flux<UUID> revokeSessions(UUID userId, UUID keep, String reason) {
        return db.sql("""
                UPDATE auth_sessions SET revoked_at = now(), revoked_reason = :reason
                WHERE user_id = :user AND revoked_at IS NULL AND id IS DISTINCT FROM :keep
                RETURNING id""")
                .bind("user", userId).bind("reason", reason)
                .bind("keep", keep == null ? Parameters.in(UUID.class) : keep)
                .map(row -> row.get("id", UUID.class)).all();
    }

    public Mono<Void> insertRefreshToken(byte[] hash, UUID sessionId, Instant expiresAt) {
        return db.sql("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (:hash, :session, :expires)")
                .bind("hash", java.nio.ByteBuffer.wrap(hash)).bind("session", sessionId)
                .bind("expires", expiresAt.atOffset(java.time.ZoneOffset.UTC))
                .then();
    }

    /**
     * Locks the refresh token's row and its session's, so two uses of one token are decided one after
     * the other. Empty when the token was never issued.
     */
    public Mono<RefreshRow> lockRefreshToken(byte[] hash) {
        return db.sql("""
                SELECT t.session_id, t.used_at, t.expires_at, s.user_id, s.revoked_at, s.expires_at AS session_expires_at
                FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
                WHERE t.token_hash = :hash
                FOR UPDATE OF t, s""")
                .bind("hash", java.nio.ByteBuffer.wrap(hash))
                .map(row -> new RefreshRow(row.get("session_id", UUID.class), row.get("user_id", UUID.class),
                        Rows.instant(row, "used_at"), Rows.instant(row, "expires_at"), Rows.instant(row, "revoked_at"),
                        Rows.instant(row, "session_expires_at")))
                .one();
    }

    public Mono<Void> markRefreshTokenUsed(byte[] hash) {
        return db.sql("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = :hash")
                .bind("hash", java.nio.ByteBuffer.wrap(hash)).then();
    }

    public Mono<Void> touchSession(UUID sessionId) {
        return db.sql("UPDATE auth_sessions SET last_seen_at = now() WHERE id = :id").bind("id", sessionId).then();
    }

    private static SessionRow session(Readable row) {
        return new SessionRow(row.get("id", UUID.class), row.get("user_id", UUID.class), row.get("device", String.class),
                row.get("ip_address", String.class), Rows.instant(row, "created_at"), Rows.instant(row, "last_seen_at"),
                Rows.instant(row, "expires_at"));
    }

    public record SessionRow(UUID id, UUID userId, String device, String ipAddress, Instant createdAt,
            Instant lastSeenAt, Instant expiresAt) {
    }

    public record RefreshRow(UUID sessionId, UUID userId, Instant usedAt, Instant expiresAt, Instant sessionRevokedAt,
            Instant sessionExpiresAt) {
    }
}
