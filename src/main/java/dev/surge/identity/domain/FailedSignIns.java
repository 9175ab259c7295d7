package dev.surge.identity.domain;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.domain.IdentityErrors.AccountLocked;
import dev.surge.identity.domain.IdentityErrors.InvalidCredentials;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.crypto.Sha256;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The lockout: failed sign-ins (wrong password or code) are counted atomically and lock the account at the
 * configured number, for the configured time. Every failure is audited.
 */
@Component
class FailedSignIns {

    private final AccountQueries accounts;
    private final AuditTrail audit;
    private final IdentityProperties.Lockout lockout;

    FailedSignIns(AccountQueries accounts, AuditTrail audit, IdentityProperties properties) {
        this.accounts = accounts;
        this.audit = audit;
        this.lockout = properties.lockout();
    }

    static boolean locked(UserRow user) {
        return user.lockedUntil() != null && user.lockedUntil().isAfter(Instant.now());
    }

    /** Counts a failed sign-in (wrong password or code) towards the lockout, and audits it. */
    Mono<Void> count(UserRow user, Origin origin) {
        return accounts.recordFailedLogin(user.id(), lockout.maxFailures(), lockout.duration())
                .flatMap(updated -> audit.record("login.failed", null, user.id(), origin,
                                Map.of("failures", updated.failedLogins()))
                        .then(updated.lockedUntil() != null && updated.failedLogins() == lockout.maxFailures()
                                ? audit.record("account.locked", null, user.id(), origin,
                                        Map.of("until", updated.lockedUntil().toString()))
                                : Mono.empty()));
    }

    /**
     * A wrong password: counted when the account exists; when it does not, audited with the SHA-256 of the address
     * tried (repeated tries of one address still show, but the audit log never holds an address that has no
     * account, such as an erased one's).
     */
    <T> Mono<T> wrongPassword(UserRow user, String email, Origin origin) {
        Mono<Void> counted = user == null ? audit.record("login.failed", null, null, origin,
                        Map.of("emailSha256", Sha256.hex(Account.normalizeEmail(email))))
                : count(user, origin);
        return counted.then(Mono.error(new InvalidCredentials()));
    }

    /** A sign-in to a locked account: audited, and answered with the time left. */
    <T> Mono<T> lockedOut(UserRow user, Origin origin) {
        return audit.record("login.locked_out", null, user.id(), origin, Map.of())
                .then(Mono.error(new AccountLocked(user.lockedUntil())));
    }
}
