package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.domain.IdentityErrors.AccountGone;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.security.Principals;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The signed-in account's own settings: reading it, its display name, its password. */
@Service
public class AccountSettings {

    private final AccountQueries accounts;
    private final Reauthentication reauthentication;
    private final NewPasswords newPasswords;
    private final SessionTokens sessions;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    AccountSettings(AccountQueries accounts, Reauthentication reauthentication, NewPasswords newPasswords,
            SessionTokens sessions, AuditTrail audit, TransactionalOperator tx) {
        this.accounts = accounts;
        this.reauthentication = reauthentication;
        this.newPasswords = newPasswords;
        this.sessions = sessions;
        this.audit = audit;
        this.tx = tx;
    }

    public Mono<Account> me(Principals caller) {
        return caller(caller).map(Account::of);
    }

    public Mono<Account> rename(Principals caller, String displayName) {
        return accounts.updateDisplayName(caller.userId(), displayName.strip()).map(Account::of);
    }

    /** Changes the password (the current one is required) and ends every other session. */
    public Mono<Void> changePassword(Principals caller, String current, String replacement, Origin origin) {
        return caller(caller)
                .flatMap(user -> reauthentication.password(user, current, origin))
                .flatMap(user -> newPasswords.hash("newPassword", replacement, user.email())
                        .flatMap(hash -> accounts.updatePassword(user.id(), hash)
                                .then(sessions.endAll(user.id(), caller.sessionId(), "password_changed"))
                                .then(audit.record("account.password_changed", user.id(), user.id(), origin, Map.of()))
                                .as(tx::transactional)));
    }

    /** The caller's account; a token whose account no longer exists is answered like a missing token. */
    private Mono<UserRow> caller(Principals caller) {
        return accounts.userById(caller.userId()).switchIfEmpty(Mono.error(AccountGone::new));
    }
}
