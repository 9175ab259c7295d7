package dev.surge.identity.domain;

import dev.surge.identity.AccountErased;
import dev.surge.identity.IdentityEvents;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.data.PrivacyQueries;
import dev.surge.identity.data.PrivacyQueries.Subject;
import dev.surge.identity.domain.IdentityErrors.AccountGone;
import dev.surge.identity.domain.IdentityErrors.InvalidField;
import dev.surge.identity.domain.IdentityErrors.NotErasable;
import dev.surge.identity.domain.IdentityErrors.UserNotFound;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.privacy.ErasedValues;
import dev.surge.platform.privacy.PlatformErasure;
import dev.surge.platform.security.Principals;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Erasing an account (right to erasure) at its owner's request (password, and a 2FA code when 2FA is on) or an
 * admin's. One transaction, with the account row locked: every session revoked (access tokens refused at once),
 * identity's own data erased, the platform's audit and event rows stripped of it, one audit record without personal
 * data, and {@link AccountErased} in the outbox, from which every other module erases or anonymises its own part.
 * <p>
 * Idempotent: an account already erased is left as it is (no second event); a crash before the commit erases
 * nothing, and after it the outbox delivers the event until every module has handled it.
 */
@Service
public class AccountErasure {

    private static final String CUSTOMER = "CUSTOMER";
    private static final String ERASED = "ERASED";

    private final AccountQueries accounts;
    private final PrivacyQueries privacy;
    private final Reauthentication reauthentication;
    private final SessionTokens sessions;
    private final NewPasswords newPasswords;
    private final PlatformErasure platform;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final TransactionalOperator tx;

    AccountErasure(AccountQueries accounts, PrivacyQueries privacy, Reauthentication reauthentication,
            SessionTokens sessions, NewPasswords newPasswords, PrivacyWriters collaborators) {
        this.accounts = accounts;
        this.privacy = privacy;
        this.reauthentication = reauthentication;
        this.sessions = sessions;
        this.newPasswords = newPasswords;
        this.platform = collaborators.platform();
        this.audit = collaborators.audit();
        this.outbox = collaborators.outbox();
        this.tx = collaborators.tx();
    }

    /** The caller erases their own account; {@code code} is required when 2FA is on. */
    public Mono<Void> eraseOwn(Principals caller, String password, String code, Origin origin) {
        return accounts.userById(caller.userId())
                .filter(user -> !ERASED.equals(user.status()))
                .switchIfEmpty(Mono.error(AccountGone::new))
                .flatMap(user -> confirm(user, password, code, origin))
                // The owner's address and user agent are personal data: the record of their erasure keeps neither.
                .flatMap(user -> erase(user.id(), user.id(), Origin.of(null, null)).then());
    }

    /** An admin erases a customer's account; true when it was erased now, false when it already was. */
    public Mono<Boolean> eraseByAdmin(Principals admin, UUID userId, Origin origin) {
        return erase(userId, admin.userId(), origin);
    }

    private Mono<UserRow> confirm(UserRow user, String password, String code, Origin origin) {
        if (!user.twoFactorEnabled()) {
            return reauthentication.password(user, password, origin);
        }
        if (code == null || code.isBlank()) {
            return Mono.error(new InvalidField("code", "a current two-factor code or a recovery code is required"));
        }
        return reauthentication.passwordAndCode(user, password, code.strip(), origin);
    }

    private Mono<Boolean> erase(UUID userId, UUID actor, Origin origin) {
        // The row keeps a password hash nobody knows (hashed before the row is locked: Argon2 takes a while).
        return newPasswords.unusable().flatMap(unusable -> privacy.lockAccount(userId)
                .switchIfEmpty(Mono.error(UserNotFound::new))
                .flatMap(subject -> {
                    if (ERASED.equals(subject.status())) {
                        return Mono.just(false);
                    }
                    if (!CUSTOMER.equals(subject.role())) {
                        return Mono.error(new NotErasable());
                    }
                    return eraseNow(subject, actor, origin, unusable).thenReturn(true);
                })
                .as(tx::transactional));
    }

    private Mono<Void> eraseNow(Subject subject, UUID actor, Origin origin, String unusablePassword) {
        UUID id = subject.id();
        return sessions.endAll(id, null, "account_erased")
                .then(privacy.eraseAccount(id, ErasedValues.accountEmail(id), unusablePassword))
                // Identity's own events of the account only ever carried its emails: none is sent any more.
                .then(platform.forgetEvents(IdentityEvents.TOPIC, id.toString(), AccountErased.class.getSimpleName()))
                .then(platform.erase(id, subject.email()))
                .then(audit.record("account.erased", actor, id, origin,
                        Map.of("by", actor.equals(id) ? "owner" : "admin")))
                .then(outbox.append(new AccountErased(id, Instant.now())));
    }

}
