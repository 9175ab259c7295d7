package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.domain.IdentityErrors.InvalidCode;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks the second factor: a current TOTP code (each time step works once) or one unused recovery code.
 * A wrong one counts towards the lockout like a wrong password.
 */
@Component
class SecondFactor {

    private final AccountQueries accounts;
    private final TwoFactorCodes codes;
    private final AuditTrail audit;
    private final FailedSignIns failures;

    SecondFactor(AccountQueries accounts, TwoFactorCodes codes, AuditTrail audit, FailedSignIns failures) {
        this.accounts = accounts;
        this.codes = codes;
        this.audit = audit;
        this.failures = failures;
    }

    /** Completes when the code (or, when given, the recovery code) is accepted; else counts a failure and fails. */
    Mono<Void> verify(UserRow user, String code, String recoveryCode, Origin origin) {
        return Mono.defer(() -> accepts(user, code, recoveryCode, origin))
                .flatMap(accepted -> accepted ? Mono.<Void>empty()
                        : failures.count(user, origin).then(Mono.error(new InvalidCode())));
    }

    private Mono<Boolean> accepts(UserRow user, String code, String recoveryCode, Origin origin) {
        if (recoveryCode != null && !recoveryCode.isBlank()) {
            return accounts.useRecoveryCode(user.id(), SecretTokens.hash(recoveryCode.strip().toLowerCase(Locale.ROOT)))
                    .flatMap(used -> used
                            ? audit.record("login.recovery_code_used", user.id(), user.id(), origin, Map.of()).thenReturn(true)
                            : Mono.just(false));
        }
        OptionalLong step = codes.matchingStep(user.totpSecret(), code, user.totpLastStep(), Instant.now());
        return step.isPresent() ? accounts.acceptTotpStep(user.id(), step.getAsLong()) : Mono.just(false);
    }
}
