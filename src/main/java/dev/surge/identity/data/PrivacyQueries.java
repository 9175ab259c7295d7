package dev.surge.identity.data;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Identity's SQL of personal data: erasing an account's own rows and keeping its exports. Every erasure statement
 * is idempotent (a second run finds nothing left to change).
 */
@Repository
public class PrivacyQueries {

    private final DatabaseClient db;

    PrivacyQueries(DatabaseClient db) {
        this.db = db;
    }

    /** The account's role, status and email, its row locked until the transaction ends; empty when unknown. */
    public Mono<Subject> lockAccount(UUID userId) {
        return db.sql("SELECT id, role, status, email FROM users WHERE id = :id FOR UPDATE").bind("id", userId)
                .map(row -> new Subject(row.get("id", UUID.class), row.get("role", String.class),
                        row.get("status", String.class), row.get("email", String.class)))
                .one();
    }

    /**
     * Erases identity's own data of the account: credentials, second factor and email tokens gone, sessions kept
     * (revoked: the revocation check reads them) without device or address, exports deleted, and the row left
     * with a stand-in email (so the address can register again), no name, a password hash nobody knows the
     * password of, and status {@code ERASED}.
     */
    public Mono<Void> eraseAccount(UUID userId, String standInEmail, String unusablePasswordHash) {
        return db.sql("DELETE FROM refresh_tokens WHERE session_id IN (SELECT id FROM auth_sessions WHERE user_id = :id)")
                .bind("id", userId).then()
                .then(db.sql("UPDATE auth_sessions SET device = '', ip_address = NULL WHERE user_id = :id")
                        .bind("id", userId).then())
                .then(db.sql("DELETE FROM account_tokens WHERE user_id = :id").bind("id", userId).then())
                .then(db.sql("DELETE FROM recovery_codes WHERE user_id = :id").bind("id", userId).then())
                .then(db.sql("DELETE FROM personal_data_exports WHERE user_id = :id").bind("id", userId).then())
                .then(db.sql("""
                        UPDATE users SET email = :email, display_name = '', password_hash = :hash,
                               totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL,
                               totp_last_step = NULL, email_verified_at = NULL, failed_logins = 0,
                               locked_until = NULL, status = 'ERASED', erased_at = now(), updated_at = now()
                        WHERE id = :id""")
                        .bind("id", userId).bind("email", standInEmail).bind("hash", unusablePasswordHash).then());
    }

    /** Starts an export unless one of the account is being built; empty then. */
    public Mono<UUID> insertExport(UUID id, UUID userId, UUID requestedBy, Instant expiresAt) {
        return db.sql("""
                INSERT INTO personal_data_exports (id, user_id, requested_by, expires_at)
                VALUES (:id, :user, :by, :expires)
                ON CONFLICT (user_id) WHERE status = 'PENDING' DO NOTHING
                RETURNING id""")
                .bind("id", id).bind("user", userId).bind("by", requestedBy)
                .bind("expires", expiresAt.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("id", UUID.class)).one();
    }

    /** The export of the account being built now; empty when there is none. */
    public Mono<UUID> pendingExport(UUID userId) {
        return db.sql("SELECT id FROM personal_data_exports WHERE user_id = :user AND status = 'PENDING'")
                .bind("user", userId).map(row -> row.get("id", UUID.class)).one();
    }

    /** Whether the export is still to be built (not built, purged or erased since). */
    public Mono<Boolean> isPending(UUID exportId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM personal_data_exports WHERE id = :id AND status = 'PENDING') AS p")
                .bind("id", exportId).map(row -> Boolean.TRUE.equals(row.get("p", Boolean.class))).one();
    }

    /** Stores the built document and its token's hash; false when the export is no longer pending. */
    public Mono<Boolean> completeExport(UUID exportId, byte[] document, byte[] tokenHash, Instant expiresAt) {
        return db.sql("""
                UPDATE personal_data_exports
                SET status = 'READY', document = :doc, token_hash = :hash, ready_at = now(), expires_at = :expires
                WHERE id = :id AND status = 'PENDING'""")
                .bind("id", exportId).bind("doc", Json.of(document)).bind("hash", ByteBuffer.wrap(tokenHash))
                .bind("expires", expiresAt.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().map(count -> count == 1);
    }

    /**
     * Uses a download token once: the document of the account's ready, unexpired export it opens, which is
     * cleared from the row in the same statement. Empty for any other token (unknown, used, expired, another
     * account's).
     */
    public Mono<String> takeExport(UUID userId, byte[] tokenHash) {
        return db.sql("""
                WITH hit AS (
                    SELECT id, document FROM personal_data_exports
                    WHERE token_hash = :hash AND user_id = :user AND status = 'READY' AND expires_at > now()
                    FOR UPDATE)
                UPDATE personal_data_exports e SET status = 'DOWNLOADED', document = NULL, downloaded_at = now()
                FROM hit WHERE e.id = hit.id
                RETURNING hit.document::text AS document""")
                .bind("hash", ByteBuffer.wrap(tokenHash)).bind("user", userId)
                .map(row -> row.get("document", String.class)).one();
    }

    /** Deletes up to {@code batch} exports past their expiry (built or not); emits how many. */
    public Mono<Long> purgeExpired(int batch) {
        return db.sql("""
                DELETE FROM personal_data_exports WHERE id IN (
                    SELECT id FROM personal_data_exports WHERE expires_at <= now() LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("batch", batch).fetch().rowsUpdated();
    }

    /** The account as its export shows it. */
    public Mono<AccountRecord> account(UUID userId) {
        return db.sql("""
                SELECT id, email, display_name, role, status, email_verified_at, created_at, updated_at,
                       totp_secret IS NOT NULL AS two_factor
                FROM users WHERE id = :id""")
                .bind("id", userId)
                .map(row -> new AccountRecord(row.get("id", UUID.class), row.get("email", String.class),
                        row.get("display_name", String.class), row.get("role", String.class),
                        row.get("status", String.class), Rows.instant(row, "email_verified_at"),
                        Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"),
                        Boolean.TRUE.equals(row.get("two_factor", Boolean.class))))
                .one();
    }

    /** Every session of the account, ended ones too, newest first. */
    public Flux<SessionRecord> sessions(UUID userId) {
        return db.sql("""
                SELECT id, device, ip_address, created_at, last_seen_at, expires_at, revoked_at, revoked_reason
                FROM auth_sessions WHERE user_id = :id ORDER BY created_at DESC""")
                .bind("id", userId).map(PrivacyQueries::session).all();
    }

    private static SessionRecord session(Readable row) {
        return new SessionRecord(row.get("id", UUID.class), row.get("device", String.class),
                row.get("ip_address", String.class), Rows.instant(row, "created_at"), Rows.instant(row, "last_seen_at"),
                Rows.instant(row, "expires_at"), Rows.instant(row, "revoked_at"), row.get("revoked_reason", String.class));
    }

    /** An account about to be erased. */
    public record Subject(UUID id, String role, String status, String email) {
    }

    public record AccountRecord(UUID id, String email, String displayName, String role, String status,
            Instant emailVerifiedAt, Instant createdAt, Instant updatedAt, boolean twoFactorEnabled) {
    }

    public record SessionRecord(UUID id, String device, String ipAddress, Instant createdAt, Instant lastSeenAt,
            Instant expiresAt, Instant revokedAt, String revokedReason) {
    }
}
