package dev.surge.identity.data;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Accounts' SQL: users, their email tokens and second factors. Every state change is one statement; counters
 * and locks never read-modify-write. Sessions and refresh tokens are {@link SessionQueries}.
 */
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
                Rows.instant(row, "email_verified_at"), row.get("failed_logins", Integer.class),
                Rows.instant(row, "locked_until"), Rows.instant(row, "created_at"), row.get("totp_secret", String.class),
                row.get("totp_pending_secret", String.class), row.get("totp_last_step", Long.class));
    }

    public record UserRow(UUID id, String email, String displayName, String passwordHash, String role, UUID merchantId,
            String status, Instant emailVerifiedAt, int failedLogins, Instant lockedUntil, Instant createdAt,
            String totpSecret, String totpPendingSecret, Long totpLastStep) {

        public boolean twoFactorEnabled() {
            return totpSecret != null;
        }
    }

}
