package dev.surge.identity.data;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Deletes sessions, refresh tokens and account tokens that ended before a cutoff, oldest first, a batch at a
 * time ({@code SKIP LOCKED}: two purges at once never wait on each other). Nothing here is still usable: a
 * session that ended (signed out, revoked or expired) never comes back, and an expired or used token is refused
 * whether or not its row exists.
 */
@Repository
public class ExpiredCredentials {

    private final DatabaseClient db;

    ExpiredCredentials(DatabaseClient db) {
        this.db = db;
    }

    /** Sessions that ended before {@code cutoff}, with all their refresh tokens; emits how many sessions. */
    public Mono<Long> deleteEndedSessions(Instant cutoff, int batch) {
        return db.sql("""
                WITH ended AS (
                    SELECT id FROM auth_sessions WHERE least(revoked_at, expires_at) < :cutoff
                    ORDER BY least(revoked_at, expires_at) LIMIT :batch FOR UPDATE SKIP LOCKED),
                tokens AS (DELETE FROM refresh_tokens WHERE session_id IN (SELECT id FROM ended))
                DELETE FROM auth_sessions WHERE id IN (SELECT id FROM ended)""")
                .bind("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }

    /** Refresh tokens (of sessions still live) that expired before {@code cutoff}. */
    public Mono<Long> deleteExpiredRefreshTokens(Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM refresh_tokens WHERE token_hash IN (
                    SELECT token_hash FROM refresh_tokens WHERE expires_at < :cutoff
                    ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }

    /** Password-reset and email-verification tokens used or expired before {@code cutoff}. */
    public Mono<Long> deleteSpentAccountTokens(Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM account_tokens WHERE token_hash IN (
                    SELECT token_hash FROM account_tokens WHERE least(used_at, expires_at) < :cutoff
                    ORDER BY least(used_at, expires_at) LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }
}
