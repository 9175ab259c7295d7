package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.domain.IdentityErrors.InvalidToken;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.security.Principals;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Proving an account owns its email address, with the single-use link sent at registration (or again). */
@Service
public class EmailVerification {

    private final AccountQueries accounts;
    private final AccountLinks links;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    EmailVerification(AccountQueries accounts, AccountLinks links, AuditTrail audit, TransactionalOperator tx) {
        this.accounts = accounts;
        this.links = links;
        this.audit = audit;
        this.tx = tx;
    }

    /** Marks the email verified when the token is valid; single use. */
    public Mono<Void> verify(String token, Origin origin) {
        return accounts.consumeAccountToken(SecretTokens.hash(token), AccountLinks.VERIFY_EMAIL)
                .switchIfEmpty(Mono.error(InvalidToken::new))
                .flatMap(userId -> accounts.markEmailVerified(userId)
                        .then(audit.record("account.email_verified", userId, userId, origin, Map.of())))
                .as(tx::transactional);
    }

    /** Sends a new link, unless the address is verified already. */
    public Mono<Void> resend(Principals caller) {
        return accounts.userById(caller.userId())
                .filter(user -> user.emailVerifiedAt() == null)
                .flatMap(user -> links.emailVerification(user).as(tx::transactional));
    }
}
