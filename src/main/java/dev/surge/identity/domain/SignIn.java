package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.domain.IdentityErrors.AccountDisabled;
import dev.surge.identity.domain.IdentityErrors.AccountLocked;
import dev.surge.identity.domain.IdentityErrors.InvalidCredentials;
import dev.surge.platform.audit.AuditTrail.Origin;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Signing in: the password, then (with 2FA on) the second factor against the challenge the password step
 * opened. An unknown email and a wrong password get the same answer and take the same time (the hasher
 * checks a decoy), so sign-in does not reveal which emails have accounts.
 */
@Service
public class SignIn {

    private final AccountQueries accounts;
    private final PasswordHasher passwords;
    private final FailedSignIns failures;
    private final SignInChallenges challenges;
    private final SecondFactor secondFactor;
    private final SignInCompletion completion;

    SignIn(AccountQueries accounts, PasswordHasher passwords, FailedSignIns failures, SignInChallenges challenges,
            SecondFactor secondFactor, SignInCompletion completion) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.failures = failures;
        this.challenges = challenges;
        this.secondFactor = secondFactor;
        this.completion = completion;
    }

    /** Signs in with email and password: a new session with its first refresh token, or the 2FA step. */
    public Mono<LoginResult> login(String email, String password, Origin origin) {
        String normalized = Account.normalizeEmail(email);
        return accounts.userByEmail(normalized)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    UserRow user = found.orElse(null);
                    if (user != null && FailedSignIns.locked(user)) {
                        return failures.lockedOut(user, origin);
                    }
                    return passwords.verify(user == null ? null : user.passwordHash(), password)
                            .flatMap(matches -> matches ? passwordAccepted(user, password, origin)
                                    : failures.wrongPassword(user, normalized, origin));
                });
    }

    private Mono<LoginResult> passwordAccepted(UserRow user, String password, Origin origin) {
        if (!"ACTIVE".equals(user.status())) {
            return Mono.error(new AccountDisabled());
        }
        if (user.twoFactorEnabled()) {
            return challenges.open(user).cast(LoginResult.class);
        }
        return completion.complete(user, password, origin).cast(LoginResult.class);
    }

    /** The second sign-in step: a current TOTP code, or one unused recovery code. */
    public Mono<SignedIn> completeTwoFactorLogin(String challenge, String code, String recoveryCode, Origin origin) {
        return challenges.account(challenge)
                .flatMap(accounts::userById)
                .flatMap(user -> {
                    if (FailedSignIns.locked(user)) {
                        return Mono.error(new AccountLocked(user.lockedUntil()));
                    }
                    if (!user.twoFactorEnabled() || !"ACTIVE".equals(user.status())) {
                        return Mono.error(new InvalidCredentials());
                    }
                    return challenges.takeAttempt(challenge)
                            .then(Mono.defer(() -> secondFactor.verify(user, code, recoveryCode, origin)))
                            .then(Mono.defer(() -> challenges.close(challenge)))
                            .then(Mono.defer(() -> completion.complete(user, null, origin)));
                });
    }
}
