package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.domain.IdentityErrors.InvalidCredentials;
import dev.surge.platform.audit.AuditTrail.Origin;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The signed-in account proving itself again before a sensitive change, so a stolen access token alone
 * cannot make it. Wrong answers count towards the lockout, like sign-ins.
 */
@Component
class Reauthentication {

    private static final String TOTP_CODE = "\\d{6}";

    private final PasswordHasher passwords;
    private final FailedSignIns failures;
    private final SecondFactor secondFactor;

    Reauthentication(PasswordHasher passwords, FailedSignIns failures, SecondFactor secondFactor) {
        this.passwords = passwords;
        this.failures = failures;
        this.secondFactor = secondFactor;
    }

    /** The account, when {@code password} is its password. */
    Mono<UserRow> password(UserRow user, String password, Origin origin) {
        return passwords.verify(user.passwordHash(), password)
                .flatMap(matches -> matches ? Mono.just(user)
                        : failures.count(user, origin).then(Mono.error(new InvalidCredentials())));
    }

    /** The account, when the password is right and {@code code} is a current TOTP code or a recovery code. */
    Mono<UserRow> passwordAndCode(UserRow user, String password, String code, Origin origin) {
        boolean totp = code != null && code.matches(TOTP_CODE);
        return password(user, password, origin)
                .flatMap(confirmed -> secondFactor.verify(user, totp ? code : null, totp ? null : code, origin)
                        .thenReturn(user));
    }
}
