package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.domain.IdentityErrors.InvalidToken;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** A forgotten password: a reset link by email, then a new password from it, which ends every session. */
@Service
public class PasswordReset {

    private final AccountQueries accounts;
    private final AccountLinks links;
    private final NewPasswords newPasswords;
    private final SessionTokens sessions;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    PasswordReset(AccountQueries accounts, AccountLinks links, NewPasswords newPasswords, SessionTokens sessions,
            AuditTrail audit, TransactionalOperator tx) {
        this.accounts = accounts;
        this.links = links;
        this.newPasswords = newPasswords;
        this.sessions = sessions;
        this.audit = audit;
        this.tx = tx;
    }

    /** Sends a reset link when the account exists; answers the same either way, so it reveals nothing. */
    public Mono<Void> forgotPassword(String email, Origin origin) {
        return accounts.userByEmail(Account.normalizeEmail(email))
                .filter(user -> "ACTIVE".equals(user.status()))
                .flatMap(user -> links.passwordReset(user)
                        .then(audit.record("account.password_reset_requested", null, user.id(), origin, Map.of()))
                        .as(tx::transactional));
    }

    /**
     * Sets a new password from a reset link and ends every session of the account. The link is checked
     * first and used up only in the final short transaction, after the policy check and the hashing, so a
     * weak password does not burn it and no connection waits on Argon2.
     */
    public Mono<Void> resetPassword(String token, String replacement, Origin origin) {
        byte[] hash = SecretTokens.hash(token);
        return accounts.accountTokenOwner(hash, AccountLinks.RESET_PASSWORD)
                .switchIfEmpty(Mono.error(InvalidToken::new))
                .flatMap(accounts::userById)
                .flatMap(user -> newPasswords.hash("newPassword", replacement, user.email())
                        .flatMap(newHash -> accounts.consumeAccountToken(hash, AccountLinks.RESET_PASSWORD)
                                .switchIfEmpty(Mono.error(InvalidToken::new))
                                .then(accounts.updatePassword(user.id(), newHash))
                                .then(sessions.endAll(user.id(), null, "password_reset"))
                                .then(audit.record("account.password_reset", user.id(), user.id(), origin, Map.of()))
                                .as(tx::transactional)));
    }
}
