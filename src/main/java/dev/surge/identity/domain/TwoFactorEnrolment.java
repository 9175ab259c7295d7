package dev.surge.identity.domain;

import dev.surge.identity.TwoFactorChanged;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.domain.IdentityErrors.InvalidCode;
import dev.surge.identity.domain.IdentityErrors.TwoFactorAlreadyOn;
import dev.surge.identity.domain.IdentityErrors.TwoFactorNotSetUp;
import dev.surge.identity.domain.IdentityErrors.TwoFactorOff;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.security.Principals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Switching two-factor authentication on and off. Both need the password, so a stolen access token can
 * neither enrol an attacker's device nor remove the owner's; both are announced to the account holder.
 */
@Service
public class TwoFactorEnrolment {

    private final AccountQueries accounts;
    private final TwoFactorCodes codes;
    private final Reauthentication reauthentication;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    TwoFactorEnrolment(AccountQueries accounts, TwoFactorCodes codes, Reauthentication reauthentication, Outbox outbox,
            AuditTrail audit, TransactionalOperator tx) {
        this.accounts = accounts;
        this.codes = codes;
        this.reauthentication = reauthentication;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
    }

    /** Starts enrolment: a new secret, pending until {@link #enable} confirms a code from it. */
    public Mono<TwoFactorSetup> setup(Principals caller) {
        return accounts.userById(caller.userId())
                .flatMap(user -> {
                    if (user.twoFactorEnabled()) {
                        return Mono.error(new TwoFactorAlreadyOn());
                    }
                    TwoFactorCodes.Enrolment enrolment = codes.enrol(user.email());
                    return accounts.setPendingTotp(user.id(), enrolment.encryptedSecret())
                            .thenReturn(new TwoFactorSetup(enrolment.secret(), enrolment.otpauthUri()));
                });
    }

    /**
     * Turns 2FA on with the password and a code from the pending secret; returns the ten recovery codes,
     * shown this once.
     */
    public Mono<List<String>> enable(Principals caller, String password, String code, Origin origin) {
        return accounts.userById(caller.userId())
                .flatMap(user -> reauthentication.password(user, password, origin))
                .flatMap(user -> {
                    if (user.twoFactorEnabled()) {
                        return Mono.error(new TwoFactorAlreadyOn());
                    }
                    if (user.totpPendingSecret() == null) {
                        return Mono.error(new TwoFactorNotSetUp());
                    }
                    OptionalLong step = codes.matchingStep(user.totpPendingSecret(), code, null, Instant.now());
                    if (step.isEmpty()) {
                        return Mono.error(new InvalidCode());
                    }
                    List<String> recovery = codes.recoveryCodes();
                    return accounts.enableTotp(user.id(), step.getAsLong())
                            .switchIfEmpty(Mono.error(TwoFactorAlreadyOn::new))
                            .then(accounts.replaceRecoveryCodes(user.id(), recovery.stream().map(SecretTokens::hash).toList()))
                            .then(announce(user, true))
                            .then(audit.record("account.two_factor_enabled", user.id(), user.id(), origin, Map.of()))
                            .thenReturn(recovery)
                            .as(tx::transactional);
                });
    }

    /** Turns 2FA off; needs the password and a current code (or a recovery code). */
    public Mono<Void> disable(Principals caller, String password, String code, Origin origin) {
        return accounts.userById(caller.userId())
                .filter(UserRow::twoFactorEnabled)
                .switchIfEmpty(Mono.error(TwoFactorOff::new))
                .flatMap(user -> reauthentication.passwordAndCode(user, password, code, origin))
                .flatMap(user -> accounts.disableTotp(user.id())
                        .then(announce(user, false))
                        .then(audit.record("account.two_factor_disabled", user.id(), user.id(), origin, Map.of()))
                        .as(tx::transactional));
    }

    private Mono<Void> announce(UserRow user, boolean enabled) {
        return outbox.append(new TwoFactorChanged(user.id(), user.email(), user.displayName(), enabled, Instant.now()));
    }
}
