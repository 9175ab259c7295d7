package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.domain.IdentityErrors.EmailTaken;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.persistence.Ids;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Customers registering themselves. The password is hashed before the transaction opens. */
@Service
public class Registration {

    private final AccountQueries accounts;
    private final NewPasswords newPasswords;
    private final AccountLinks links;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    Registration(AccountQueries accounts, NewPasswords newPasswords, AccountLinks links, AuditTrail audit,
            TransactionalOperator tx) {
        this.accounts = accounts;
        this.newPasswords = newPasswords;
        this.links = links;
        this.audit = audit;
        this.tx = tx;
    }

    /** Creates a customer account and sends the email verification link. */
    public Mono<Account> register(String email, String password, String displayName, Origin origin) {
        String normalized = Account.normalizeEmail(email);
        return newPasswords.hash("password", password, normalized)
                .flatMap(hash -> accounts.insertUser(Ids.newId(), normalized, displayName.strip(), hash, Role.CUSTOMER.name())
                        .switchIfEmpty(Mono.error(EmailTaken::new))
                        .flatMap(user -> links.emailVerification(user)
                                .then(audit.record("account.registered", user.id(), user.id(), origin, Map.of()))
                                .thenReturn(Account.of(user)))
                        .as(tx::transactional));
    }
}
