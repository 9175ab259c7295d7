package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.domain.IdentityErrors.AccountDisabled;
import dev.surge.identity.domain.IdentityErrors.AccountLocked;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The end of a successful sign-in: the failure count reset, an outdated password hash upgraded, a new
 * session. Password hashing runs before the transaction, so no connection waits on Argon2.
 */
@Component
class SignInCompletion {

    private final AccountQueries accounts;
    private final PasswordHasher passwords;
    private final SessionTokens sessions;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    SignInCompletion(AccountQueries accounts, PasswordHasher passwords, SessionTokens sessions, AuditTrail audit,
            TransactionalOperator tx) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * Signs the account in, if it is still active and unlocked now (a lock or a disable may have landed since
     * it was read). {@code password} is null after the 2FA step: no re-hash then.
     */
    Mono<SignedIn> complete(UserRow user, String password, Origin origin) {
        Mono<String> rehash = password != null && passwords.needsRehash(user.passwordHash()) ? passwords.hash(password)
                : Mono.empty();
        return rehash.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(newHash -> accounts.recordSuccessfulLogin(user.id(), newHash.orElse(null))
                        .switchIfEmpty(Mono.defer(() -> accounts.userById(user.id()).flatMap(now -> Mono.error(
                                "ACTIVE".equals(now.status()) && now.lockedUntil() != null
                                        ? new AccountLocked(now.lockedUntil())
                                        : new AccountDisabled()))))
                        .flatMap(current -> sessions.start(current, origin))
                        .flatMap(signedIn -> audit.record("login.succeeded", user.id(), user.id(), origin, Map.of())
                                .thenReturn(signedIn))
                        .as(tx::transactional));
    }
}
