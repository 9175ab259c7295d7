package dev.surge.identity.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings.
 *
 * @param passwords     Argon2id cost (defaults: OWASP's minimum for Argon2id, 19 MiB, 2 iterations, 1 lane)
 *                      and the size of the scheduler that runs it
 * @param lockout       failed sign-ins before an account locks, and for how long
 * @param sessionTtl    a session's lifetime from sign-in; refreshing does not extend it
 * @param refreshCookie the cookie that carries refresh tokens for browsers
 * @param refreshReuseGrace how long after its use a refresh token is still answered with new tokens, so that
 *                      two tabs refreshing at once do not end their session; a reuse after it is theft
 * @param emailTokenTtl lifetime of email verification links; reset links live {@code resetTokenTtl}
 * @param twoFactor     TOTP settings: the key that encrypts secrets at rest (base64 of 32 bytes; from the
 *                      environment in production), the issuer shown in authenticator apps, and how long
 *                      the second sign-in step may wait
 * @param exports       personal-data exports: how long a ready export (and its download link) is kept, how often
 *                      the purge looks for expired ones, and the bounded scheduler that serialises them
 */
@ConfigurationProperties("surge.identity")
public record IdentityProperties(
        @DefaultValue Passwords passwords,
        @DefaultValue Lockout lockout,
        @DefaultValue("30d") Duration sessionTtl,
        @DefaultValue("10s") Duration refreshReuseGrace,
        @DefaultValue RefreshCookie refreshCookie,
        @DefaultValue("24h") Duration emailTokenTtl,
        @DefaultValue("1h") Duration resetTokenTtl,
        @DefaultValue TwoFactor twoFactor,
        @DefaultValue BootstrapAdmin bootstrapAdmin,
        @DefaultValue Exports exports) {

    public record Exports(@DefaultValue("7d") Duration ttl, @DefaultValue("1h") Duration purgeInterval,
            @DefaultValue("2") int buildThreads, @DefaultValue("64") int maxQueuedBuilds) {
    }

    /** The first super admin, created at start-up when both are set and the email is unused. */
    public record BootstrapAdmin(@DefaultValue("") String email, @DefaultValue("") String password) {
    }

    public record TwoFactor(String encryptionKey, @DefaultValue("Surge") String issuer,
            @DefaultValue("5m") Duration challengeTtl) {
    }

    public record Passwords(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
            @DefaultValue("1") int parallelism, @DefaultValue("2") int hashingThreads,
            @DefaultValue("256") int maxQueuedHashes) {
    }

    public record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration duration) {
    }

    public record RefreshCookie(@DefaultValue("surge_refresh") String name, @DefaultValue("true") boolean secure,
            @DefaultValue("/api/v1/auth") String path) {
    }
}
