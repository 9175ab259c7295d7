package dev.surge.identity.data;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The identity module's SQL. Every state change is one statement; counters and locks never read-modify-write. */
@Repository
public class AccountQueries {

    private static final String USER_COLUMNS = """
            id, email, display_name, password_hash, role, merchant_id, status, email_verified_at,
            failed_logins, locked_until, created_at, totp_secret, totp_pending_secret, totp_last_step""";

    private final DatabaseClient db;

    AccountQueries(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the account unless the email is taken; empty when it is. */
    public Mono<UserRow> insertUser(UUID id, String email, String displayName, String passwordHash, String role) {
        return db.sql("""
                INSERT INTO users (id, email, display_name, password_hash, role)
                VALUES (:id, :email, :name, :hash, :role)
                ON CONFLICT (email) DO NOTHING
                RETURNING\s""" + USER_COLUMNS)
                .bind("id", id).bind("email", email).bind("name", displayName).bind("hash", passwordHash)
                .bind("role", role)
                .map(AccountQueries::user).one();
    }

    public Mono<UserRow> userByEmail(String email) {
        return db.sql("SELECT " + USER_COLUMNS + " FROM users WHERE email = :email").bind("email", email)
                .map(AccountQueries::user).one();
    }

    public Mono<UserRow> userById(UUID id) {
        return db.sql("SELECT " + USER_COLUMNS + " FROM users WHERE id = :id").bind("id", id)
                .map(AccountQueries::user).one();
    }

    /**
     * Counts a failed sign-in and locks the account when it reaches {@code maxFailures}; returns the new
     * state. A lock that has run out starts the count afresh, so one failure does not re-lock at once.
     * <p>
     * One statement computing from the row it updates: concurrent failures each wait for the row and count
     * on the value the one before them wrote. (Counting from a sub-select, as this did, let them all read the
     * same old value and overwrite each other: ten simultaneous wrong passwords counted as one or two.)
     */
    public Mono<UserRow> recordFailedLogin(UUID id, int maxFailures, Duration lockFor) {
        return db.sql("""
                UPDATE users SET failed_logins = CASE WHEN locked_until <= now() THEN 1 ELSE failed_logins + 1 END,
                       locked_until = CASE WHEN (CASE WHEN locked_until <= now() THEN 1 ELSE failed_logins + 1 END) >= :max
                                               THEN now() + make_interval(secs => :seconds)
                                           WHEN locked_until <= now() THEN NULL
                                           ELSE locked_until END,
                       updated_at = now()
                WHERE id = :id
                RETURNING\s""" + USER_COLUMNS)
                .bind("id", id).bind("max", maxFailures).bind("seconds", (double) lockFor.toSeconds())
                .map(AccountQueries::user).one();
    }

    /**
     * Completes a sign-in only if the account is still active and unlocked at this moment (not at the
     * earlier read: a lock, a disable or a role change may have landed meanwhile); returns the current row,
     * which the token is built from, or empty. The row stays locked until the sign-in commits, so an admin
     * change waits for it and then ends the new session too.
     */
    public Mono<UserRow> recordSuccessfulLogin(UUID id, String newHash) {
        return db.sql("""
                UPDATE users SET failed_logins = 0, locked_until = NULL,
                       password_hash = COALESCE(:hash, password_hash), updated_at = now()
                WHERE id = :id AND status = 'ACTIVE' AND (locked_until IS NULL OR locked_until <= now())
                RETURNING\s""" + USER_COLUMNS)
                .bind("id", id).bind("hash", newHash == null ? Parameters.in(String.class) : newHash)
                .map(AccountQueries::user).one();
    }

    /** The user a still-valid token belongs to, without using it up. */
    public Mono<UUID> accountTokenOwner(byte[] hash, String purpose) {
        return db.sql("""
                SELECT user_id FROM account_tokens
                WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()""")
                .bind("hash", java.nio.ByteBuffer.wrap(hash)).bind("purpose", purpose)
                .map(row -> row.get("user_id", UUID.class)).one();
    }

    public Mono<UserRow> updateDisplayName(UUID id, String displayName) {
        return db.sql("UPDATE users SET display_name = :name, updated_at = now() WHERE id = :id RETURNING " + USER_COLUMNS)
                .bind("id", id).bind("name", displayName).map(AccountQueries::user).one();
    }

    /** Sets the password, lifts a lock, and voids every outstanding reset link of the account. */
    public Mono<Void> updatePassword(UUID id, String hash) {
        return db.sql("""
                UPDATE users SET password_hash = :hash, failed_logins = 0, locked_until = NULL, updated_at = now()
                WHERE id = :id""")
                .bind("id", id).bind("hash", hash).then()
                .then(db.sql("""
                        UPDATE account_tokens SET used_at = now()
                        WHERE user_id = :id AND purpose = 'RESET_PASSWORD' AND used_at IS NULL""")
                        .bind("id", id).then());
    }

    public Mono<Void> markEmailVerified(UUID id) {
        return db.sql("UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now() WHERE id = :id")
                .bind("id", id).then();
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
                .bind("user", userId).map(AccountQueries::session).all();
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
                        instant(row, "used_at"), instant(row, "expires_at"), instant(row, "revoked_at"),
                        instant(row, "session_expires_at")))
                .one();
    }

    public Mono<Void> markRefreshTokenUsed(byte[] hash) {
        return db.sql("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = :hash")
                .bind("hash", java.nio.ByteBuffer.wrap(hash)).then();
    }

    public Mono<Void> touchSession(UUID sessionId) {
        return db.sql("UPDATE auth_sessions SET last_seen_at = now() WHERE id = :id").bind("id", sessionId).then();
    }

    public Mono<Void> insertAccountToken(byte[] hash, UUID userId, String purpose, Instant expiresAt) {
        return db.sql("""
                INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at)
                VALUES (:hash, :user, :purpose, :expires)""")
                .bind("hash", java.nio.ByteBuffer.wrap(hash)).bind("user", userId).bind("purpose", purpose)
                .bind("expires", expiresAt.atOffset(java.time.ZoneOffset.UTC))
                .then();
    }

    /** Uses a single-use email token: empty when unknown, used, expired or for another purpose. */
    public Mono<UUID> consumeAccountToken(byte[] hash, String purpose) {
        return db.sql("""
                UPDATE account_tokens SET used_at = now()
                WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()
                RETURNING user_id""")
                .bind("hash", java.nio.ByteBuffer.wrap(hash)).bind("purpose", purpose)
                .map(row -> row.get("user_id", UUID.class)).one();
    }

    public Mono<Void> setPendingTotp(UUID userId, String encryptedSecret) {
        return db.sql("UPDATE users SET totp_pending_secret = :secret, updated_at = now() WHERE id = :id")
                .bind("id", userId).bind("secret", encryptedSecret).then();
    }

    /** Promotes the pending secret; empty when there was none (or 2FA is already on). */
    public Mono<UUID> enableTotp(UUID userId, long step) {
        return db.sql("""
                UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = now(),
                       totp_last_step = :step, updated_at = now()
                WHERE id = :id AND totp_pending_secret IS NOT NULL AND totp_secret IS NULL
                RETURNING id""")
                .bind("id", userId).bind("step", step).map(row -> row.get("id", UUID.class)).one();
    }

    public Mono<Void> disableTotp(UUID userId) {
        return db.sql("""
                UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL,
                       totp_last_step = NULL, updated_at = now()
                WHERE id = :id""")
                .bind("id", userId).then()
                .then(db.sql("DELETE FROM recovery_codes WHERE user_id = :id").bind("id", userId).then());
    }

    /** Records a used time step, atomically refusing one that is not newer than the last: no code works twice. */
    public Mono<Boolean> acceptTotpStep(UUID userId, long step) {
        return db.sql("""
                UPDATE users SET totp_last_step = :step
                WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)""")
                .bind("id", userId).bind("step", step).fetch().rowsUpdated().map(count -> count == 1);
    }

    public Mono<Void> replaceRecoveryCodes(UUID userId, java.util.List<byte[]> hashes) {
        return db.sql("DELETE FROM recovery_codes WHERE user_id = :id").bind("id", userId).then()
                .thenMany(Flux.fromIterable(hashes).concatMap(hash -> db.sql(
                                "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:id, :hash)")
                        .bind("id", userId).bind("hash", java.nio.ByteBuffer.wrap(hash)).then()))
                .then();
    }

    /** Uses a recovery code once; false when unknown or already used. */
    public Mono<Boolean> useRecoveryCode(UUID userId, byte[] hash) {
        return db.sql("""
                UPDATE recovery_codes SET used_at = now()
                WHERE user_id = :id AND code_hash = :hash AND used_at IS NULL""")
                .bind("id", userId).bind("hash", java.nio.ByteBuffer.wrap(hash)).fetch().rowsUpdated()
                .map(count -> count == 1);
    }

    private static UserRow user(Readable row) {
        return new UserRow(row.get("id", UUID.class), row.get("email", String.class),
                row.get("display_name", String.class), row.get("password_hash", String.class),
                row.get("role", String.class), row.get("merchant_id", UUID.class), row.get("status", String.class),
                instant(row, "email_verified_at"), row.get("failed_logins", Integer.class),
                instant(row, "locked_until"), instant(row, "created_at"), row.get("totp_secret", String.class),
                row.get("totp_pending_secret", String.class), row.get("totp_last_step", Long.class));
    }

    private static SessionRow session(Readable row) {
        return new SessionRow(row.get("id", UUID.class), row.get("user_id", UUID.class), row.get("device", String.class),
                row.get("ip_address", String.class), instant(row, "created_at"), instant(row, "last_seen_at"),
                instant(row, "expires_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public record UserRow(UUID id, String email, String displayName, String passwordHash, String role, UUID merchantId,
            String status, Instant emailVerifiedAt, int failedLogins, Instant lockedUntil, Instant createdAt,
            String totpSecret, String totpPendingSecret, Long totpLastStep) {

        public boolean twoFactorEnabled() {
            return totpSecret != null;
        }
    }

    public record SessionRow(UUID id, UUID userId, String device, String ipAddress, Instant createdAt,
            Instant lastSeenAt, Instant expiresAt) {
    }

    public record RefreshRow(UUID sessionId, UUID userId, Instant usedAt, Instant expiresAt, Instant sessionRevokedAt,
            Instant sessionExpiresAt) {
    }
}
