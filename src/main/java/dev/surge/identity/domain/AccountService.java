package dev.surge.identity.domain;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.identity.data.TwoFactorChallenges;
import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.Principals;
import dev.surge.platform.security.RevokedSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Accounts, sign-in and sessions.
 * <p>
 * Invariants: a refresh token works once; presenting a used one again means it was copied, so the whole
 * session ends (and is audited). Ending a session stops its access tokens at once (Redis) and its refresh
 * tokens (database). Failed sign-ins are counted atomically and lock the account at the configured
 * number. Password hashing runs on its own scheduler, outside any database transaction.
 */
@Service
public class AccountService {

    static final String VERIFY_EMAIL = "VERIFY_EMAIL";
    static final String RESET_PASSWORD = "RESET_PASSWORD";
    static final int MAX_CODE_ATTEMPTS = 3;

    private final AccountQueries accounts;
    private final PasswordHasher passwords;
    private final PasswordPolicy policy;
    private final SecretTokens secrets;
    private final AccessTokens accessTokens;
    private final RevokedSessions revokedSessions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionalOperator tx;
    private final IdentityProperties properties;
    private final TwoFactorCodes codes;
    private final TwoFactorChallenges challenges;

    AccountService(AccountQueries accounts, PasswordHasher passwords, PasswordPolicy policy, SecretTokens secrets,
            AccessTokens accessTokens, RevokedSessions revokedSessions, Outbox outbox, AuditTrail audit,
            TransactionalOperator tx, IdentityProperties properties, TwoFactorCodes codes,
            TwoFactorChallenges challenges) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.secrets = secrets;
        this.accessTokens = accessTokens;
        this.revokedSessions = revokedSessions;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        this.codes = codes;
        this.challenges = challenges;
    }

    /** Creates a customer account and sends the email verification link. */
    public Mono<Account> register(String email, String password, String displayName, Origin origin) {
        String normalized = normalize(email);
        return Mono.fromRunnable(() -> policy.check("password", password, normalized))
                .then(passwords.hash(password))
                .flatMap(hash -> accounts.insertUser(Ids.newId(), normalized, displayName.strip(), hash, Role.CUSTOMER.name())
                        .switchIfEmpty(Mono.error(IdentityErrors::emailTaken))
                        .flatMap(user -> sendVerification(user)
                                .then(audit.record("account.registered", user.id(), user.id(), origin, Map.of()))
                                .thenReturn(account(user)))
                        .as(tx::transactional));
    }

    /** Signs in with email and password: a new session with its first refresh token, or the 2FA step. */
    public Mono<LoginResult> login(String email, String password, Origin origin) {
        String normalized = normalize(email);
        return accounts.userByEmail(normalized)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> {
                    UserRow user = found.orElse(null);
                    if (user != null && user.lockedUntil() != null && user.lockedUntil().isAfter(Instant.now())) {
                        return audit.record("login.locked_out", null, user.id(), origin, Map.of())
                                .then(Mono.error(IdentityErrors.accountLocked(Duration.between(Instant.now(), user.lockedUntil()))));
                    }
                    return passwords.verify(user == null ? null : user.passwordHash(), password)
                            .flatMap(matches -> matches ? passwordAccepted(user, password, origin)
                                    : fail(user, normalized, origin).then(Mono.empty()));
                });
    }

    private Mono<LoginResult> passwordAccepted(UserRow user, String password, Origin origin) {
        if (!"ACTIVE".equals(user.status())) {
            return Mono.error(IdentityErrors.accountDisabled());
        }
        if (user.twoFactorEnabled()) {
            String challenge = secrets.newToken();
            Duration ttl = properties.twoFactor().challengeTtl();
            return challenges.open(challenge, user.id(), ttl)
                    .thenReturn(new TwoFactorRequired(true, challenge, ttl.toSeconds()));
        }
        return succeed(user, password, origin).cast(LoginResult.class);
    }

    /** The second sign-in step: a current TOTP code, or one unused recovery code. */
    public Mono<SignedIn> completeTwoFactorLogin(String challenge, String code, String recoveryCode, Origin origin) {
        return challenges.find(challenge)
                .switchIfEmpty(Mono.error(IdentityErrors::invalidChallenge))
                .flatMap(accounts::userById)
                .flatMap(user -> {
                    if (user.lockedUntil() != null && user.lockedUntil().isAfter(Instant.now())) {
                        return Mono.error(IdentityErrors.accountLocked(Duration.between(Instant.now(), user.lockedUntil())));
                    }
                    if (!user.twoFactorEnabled() || !"ACTIVE".equals(user.status())) {
                        return Mono.error(IdentityErrors.invalidCredentials());
                    }
                    // Three attempts per challenge: more guessing needs the password again.
                    return challenges.takeAttempt(challenge, MAX_CODE_ATTEMPTS)
                            .flatMap(allowed -> allowed ? secondFactor(user, code, recoveryCode, origin)
                                    : challenges.close(challenge).then(Mono.error(IdentityErrors.invalidChallenge())))
                            .flatMap(accepted -> accepted
                                    ? challenges.close(challenge).then(succeed(user, null, origin))
                                    : countFailure(user, origin).then(Mono.error(IdentityErrors.invalidCode())));
                });
    }

    private Mono<Boolean> secondFactor(UserRow user, String code, String recoveryCode, Origin origin) {
        if (recoveryCode != null && !recoveryCode.isBlank()) {
            return accounts.useRecoveryCode(user.id(), SecretTokens.hash(recoveryCode.strip().toLowerCase(Locale.ROOT)))
                    .flatMap(used -> used
                            ? audit.record("login.recovery_code_used", user.id(), user.id(), origin, Map.of()).thenReturn(true)
                            : Mono.just(false));
        }
        java.util.OptionalLong step = codes.matchingStep(user.totpSecret(), code, user.totpLastStep(), Instant.now());
        return step.isPresent() ? accounts.acceptTotpStep(user.id(), step.getAsLong()) : Mono.just(false);
    }

    /** Starts 2FA enrolment: a new secret, pending until {@link #enableTwoFactor} confirms a code from it. */
    public Mono<TwoFactorSetup> setupTwoFactor(Principals caller) {
        return accounts.userById(caller.userId())
                .flatMap(user -> {
                    if (user.twoFactorEnabled()) {
                        return Mono.error(IdentityErrors.twoFactorAlreadyOn());
                    }
                    TwoFactorCodes.Enrolment enrolment = codes.enrol(user.email());
                    return accounts.setPendingTotp(user.id(), enrolment.encryptedSecret())
                            .thenReturn(new TwoFactorSetup(enrolment.secret(), enrolment.otpauthUri()));
                });
    }

    /**
     * Turns 2FA on with the password and a code from the pending secret; returns the ten recovery codes,
     * shown this once. The password stops a stolen access token from enrolling an attacker's device.
     */
    public Mono<List<String>> enableTwoFactor(Principals caller, String password, String code, Origin origin) {
        return accounts.userById(caller.userId())
                .flatMap(user -> passwords.verify(user.passwordHash(), password)
                        .flatMap(matches -> matches ? Mono.just(user)
                                : countFailure(user, origin).then(Mono.error(IdentityErrors.invalidCredentials()))))
                .flatMap(user -> {
                    if (user.twoFactorEnabled()) {
                        return Mono.error(IdentityErrors.twoFactorAlreadyOn());
                    }
                    if (user.totpPendingSecret() == null) {
                        return Mono.error(new dev.surge.platform.errors.ConflictException("two_factor_not_set_up",
                                "Start with POST /api/v1/auth/2fa/setup"));
                    }
                    java.util.OptionalLong step = codes.matchingStep(user.totpPendingSecret(), code, null, Instant.now());
                    if (step.isEmpty()) {
                        return Mono.error(IdentityErrors.invalidCode());
                    }
                    List<String> recovery = codes.recoveryCodes();
                    return accounts.enableTotp(user.id(), step.getAsLong())
                            .switchIfEmpty(Mono.error(IdentityErrors::twoFactorAlreadyOn))
                            .then(accounts.replaceRecoveryCodes(user.id(), recovery.stream().map(SecretTokens::hash).toList()))
                            .then(outbox.append(new TwoFactorChanged(user.id(), user.email(), user.displayName(), true,
                                    Instant.now())))
                            .then(audit.record("account.two_factor_enabled", user.id(), user.id(), origin, Map.of()))
                            .thenReturn(recovery)
                            .as(tx::transactional);
                });
    }

    /** Turns 2FA off; needs the password and a current code (or a recovery code). */
    public Mono<Void> disableTwoFactor(Principals caller, String password, String code, Origin origin) {
        return accounts.userById(caller.userId())
                .filter(UserRow::twoFactorEnabled)
                .switchIfEmpty(Mono.error(() -> new dev.surge.platform.errors.ConflictException("two_factor_off",
                        "Two-factor authentication is not on")))
                .flatMap(user -> passwords.verify(user.passwordHash(), password)
                        .flatMap(matches -> matches
                                ? (code != null && code.matches("\\d{6}") ? secondFactor(user, code, null, origin)
                                        : secondFactor(user, null, code, origin))
                                : countFailure(user, origin).then(Mono.error(IdentityErrors.invalidCredentials())))
                        .flatMap(accepted -> accepted ? Mono.just(user)
                                : countFailure(user, origin).then(Mono.error(IdentityErrors.invalidCode()))))
                .flatMap(user -> accounts.disableTotp(user.id())
                        .then(outbox.append(new TwoFactorChanged(user.id(), user.email(), user.displayName(), false,
                                Instant.now())))
                        .then(audit.record("account.two_factor_disabled", user.id(), user.id(), origin, Map.of()))
                        .as(tx::transactional));
    }

    private Mono<SignedIn> fail(UserRow user, String email, Origin origin) {
        Mono<Void> counted = user == null ? audit.record("login.failed", null, null, origin, Map.of("email", email))
                : countFailure(user, origin);
        return counted.then(Mono.error(IdentityErrors.invalidCredentials()));
    }

    /** Counts a failed sign-in (wrong password or code) towards the lockout, and audits it. */
    private Mono<Void> countFailure(UserRow user, Origin origin) {
        return accounts.recordFailedLogin(user.id(), properties.lockout().maxFailures(), properties.lockout().duration())
                .flatMap(updated -> audit.record("login.failed", null, user.id(), origin,
                                Map.of("failures", updated.failedLogins()))
                        .then(updated.lockedUntil() != null && updated.failedLogins() == properties.lockout().maxFailures()
                                ? audit.record("account.locked", null, user.id(), origin,
                                        Map.of("until", updated.lockedUntil().toString()))
                                : Mono.empty()));
    }

    /** A complete sign-in ({@code password} is null after the 2FA step: no re-hash then). */
    private Mono<SignedIn> succeed(UserRow user, String password, Origin origin) {
        Mono<String> rehash = password != null && passwords.needsRehash(user.passwordHash()) ? passwords.hash(password)
                : Mono.empty();
        return rehash.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(newHash -> accounts.recordSuccessfulLogin(user.id(), newHash.orElse(null))
                        .switchIfEmpty(Mono.defer(() -> accounts.userById(user.id()).flatMap(now -> Mono.error(
                                "ACTIVE".equals(now.status()) && now.lockedUntil() != null
                                        ? IdentityErrors.accountLocked(Duration.between(Instant.now(), now.lockedUntil()))
                                        : IdentityErrors.accountDisabled()))))
                        .flatMap(current -> startSession(current, origin))
                        .flatMap(signedIn -> audit.record("login.succeeded", user.id(), user.id(), origin, Map.of())
                                .thenReturn(signedIn))
                        .as(tx::transactional));
    }

    private Mono<SignedIn> startSession(UserRow user, Origin origin) {
        UUID sessionId = Ids.newId();
        String device = device(origin);
        Instant expiresAt = Instant.now().plus(properties.sessionTtl());
        return accounts.insertSession(sessionId, user.id(), device, origin.ipAddress(), expiresAt)
                .then(accounts.knownDevice(user.id(), device, sessionId))
                .flatMap(known -> known ? Mono.<Void>empty() : outbox.append(new NewDeviceSignedIn(user.id(), user.email(),
                        user.displayName(), device, origin.ipAddress(), Instant.now())))
                .then(Mono.defer(() -> issue(user, sessionId, expiresAt)));
    }

    private Mono<SignedIn> issue(UserRow user, UUID sessionId, Instant sessionExpiresAt) {
        String refreshToken = secrets.newToken();
        return accounts.insertRefreshToken(SecretTokens.hash(refreshToken), sessionId, sessionExpiresAt)
                .then(accessTokens.issue(user.id(), sessionId, user.role(), user.merchantId()))
                .map(access -> new SignedIn(access.value(), "Bearer", access.expiresInSeconds(), refreshToken,
                        sessionExpiresAt, account(user)));
    }

    /** Trades a refresh token for new tokens. A token used before ends its session: it was stolen or replayed. */
    public Mono<SignedIn> refresh(String refreshToken, Origin origin) {
        byte[] hash = SecretTokens.hash(refreshToken);
        return accounts.lockRefreshToken(hash)
                .switchIfEmpty(Mono.error(IdentityErrors::invalidRefreshToken))
                .flatMap(token -> {
                    Instant now = Instant.now();
                    if (token.sessionRevokedAt() != null || token.sessionExpiresAt().isBefore(now)) {
                        return Mono.error(IdentityErrors.invalidRefreshToken());
                    }
                    if (token.usedAt() != null) {
                        return endSessions(Flux.just(token.sessionId()))
                                .then(accounts.revokeSession(token.userId(), token.sessionId(), "refresh_token_reuse"))
                                .then(audit.record("session.refresh_token_reused", null, token.userId(), origin,
                                        Map.of("session", token.sessionId().toString())))
                                .then(Mono.just(false));
                    }
                    return accounts.markRefreshTokenUsed(hash)
                            .then(accounts.touchSession(token.sessionId()))
                            .then(accounts.userById(token.userId()))
                            .filter(user -> "ACTIVE".equals(user.status()))
                            .switchIfEmpty(Mono.error(IdentityErrors::accountDisabled))
                            .flatMap(user -> issue(user, token.sessionId(), token.sessionExpiresAt()));
                })
                .as(tx::transactional)
                // The reuse branch commits its revocation, then answers like any bad token.
                .flatMap(result -> result instanceof SignedIn signedIn ? Mono.just(signedIn)
                        : Mono.error(IdentityErrors.invalidRefreshToken()));
    }

    /** Ends the caller's session. */
    public Mono<Void> logout(Principals caller, Origin origin) {
        return accounts.revokeSession(caller.userId(), caller.sessionId(), "logout")
                .thenMany(endSessions(Flux.just(caller.sessionId())))
                .then(audit.record("session.logout", caller.userId(), caller.userId(), origin, Map.of()))
                .as(tx::transactional);
    }

    /** Ends every session of the caller, this one included. */
    public Mono<Void> logoutEverywhere(Principals caller, Origin origin) {
        return endSessions(accounts.revokeSessions(caller.userId(), null, "logout_all"))
                .then(audit.record("session.logout_all", caller.userId(), caller.userId(), origin, Map.of()))
                .as(tx::transactional);
    }

    /** The caller's account; a token whose account no longer exists is answered like a missing token. */
    private Mono<UserRow> caller(Principals caller) {
        return accounts.userById(caller.userId()).switchIfEmpty(Mono.error(IdentityErrors::accountGone));
    }

    public Mono<Account> me(Principals caller) {
        return caller(caller).map(AccountService::account);
    }

    public Mono<Account> rename(Principals caller, String displayName) {
        return accounts.updateDisplayName(caller.userId(), displayName.strip()).map(AccountService::account);
    }

    /** Changes the password (the current one is required) and ends every other session. */
    public Mono<Void> changePassword(Principals caller, String current, String replacement, Origin origin) {
        return caller(caller)
                .flatMap(user -> passwords.verify(user.passwordHash(), current)
                        .flatMap(matches -> matches ? Mono.just(user)
                                : countFailure(user, origin).then(Mono.error(IdentityErrors.invalidCredentials()))))
                .flatMap(user -> Mono.fromRunnable(() -> policy.check("newPassword", replacement, user.email()))
                        .then(passwords.hash(replacement))
                        .flatMap(hash -> accounts.updatePassword(user.id(), hash)
                                .then(endSessions(accounts.revokeSessions(user.id(), caller.sessionId(), "password_changed")))
                                .then(audit.record("account.password_changed", user.id(), user.id(), origin, Map.of()))
                                .as(tx::transactional)));
    }

    public Mono<List<SessionView>> sessions(Principals caller) {
        return accounts.activeSessions(caller.userId())
                .map(s -> new SessionView(s.id(), s.device(), s.ipAddress(), s.createdAt(), s.lastSeenAt(), s.expiresAt(),
                        s.id().equals(caller.sessionId())))
                .collectList();
    }

    /** Ends one of the caller's sessions; someone else's session id is indistinguishable from an unknown one. */
    public Mono<Void> revokeSession(Principals caller, UUID sessionId, Origin origin) {
        return accounts.revokeSession(caller.userId(), sessionId, "revoked_by_user")
                .switchIfEmpty(Mono.error(IdentityErrors::sessionNotFound))
                .flatMapMany(id -> endSessions(Flux.just(id)))
                .then(audit.record("session.revoked", caller.userId(), caller.userId(), origin,
                        Map.of("session", sessionId.toString())))
                .as(tx::transactional);
    }

    /** Marks the email verified when the token is valid; single use. */
    public Mono<Void> verifyEmail(String token, Origin origin) {
        return accounts.consumeAccountToken(SecretTokens.hash(token), VERIFY_EMAIL)
                .switchIfEmpty(Mono.error(IdentityErrors::invalidToken))
                .flatMap(userId -> accounts.markEmailVerified(userId)
                        .then(audit.record("account.email_verified", userId, userId, origin, Map.of())))
                .as(tx::transactional);
    }

    public Mono<Void> resendVerification(Principals caller) {
        return accounts.userById(caller.userId())
                .filter(user -> user.emailVerifiedAt() == null)
                .flatMap(user -> sendVerification(user).as(tx::transactional));
    }

    /** Sends a reset link when the account exists; answers the same either way, so it reveals nothing. */
    public Mono<Void> forgotPassword(String email, Origin origin) {
        return accounts.userByEmail(normalize(email))
                .filter(user -> "ACTIVE".equals(user.status()))
                .flatMap(user -> {
                    String token = secrets.newToken();
                    Instant expiresAt = Instant.now().plus(properties.resetTokenTtl());
                    return accounts.insertAccountToken(SecretTokens.hash(token), user.id(), RESET_PASSWORD, expiresAt)
                            .then(outbox.append(new PasswordResetRequested(user.id(), user.email(), user.displayName(),
                                    token, expiresAt)))
                            .then(audit.record("account.password_reset_requested", null, user.id(), origin, Map.of()))
                            .as(tx::transactional);
                });
    }

    /**
     * Sets a new password from a reset link and ends every session of the account. The link is checked
     * first and used up only in the final short transaction, after the policy check and the hashing, so a
     * weak password does not burn it and no connection waits on Argon2.
     */
    public Mono<Void> resetPassword(String token, String replacement, Origin origin) {
        byte[] hash = SecretTokens.hash(token);
        return accounts.accountTokenOwner(hash, RESET_PASSWORD)
                .switchIfEmpty(Mono.error(IdentityErrors::invalidToken))
                .flatMap(accounts::userById)
                .flatMap(user -> Mono.fromRunnable(() -> policy.check("newPassword", replacement, user.email()))
                        .then(passwords.hash(replacement))
                        .flatMap(newHash -> accounts.consumeAccountToken(hash, RESET_PASSWORD)
                                .switchIfEmpty(Mono.error(IdentityErrors::invalidToken))
                                .then(accounts.updatePassword(user.id(), newHash))
                                .then(endSessions(accounts.revokeSessions(user.id(), null, "password_reset")))
                                .then(audit.record("account.password_reset", user.id(), user.id(), origin, Map.of()))
                                .as(tx::transactional)));
    }

    private Mono<Void> sendVerification(UserRow user) {
        String token = secrets.newToken();
        Instant expiresAt = Instant.now().plus(properties.emailTokenTtl());
        return accounts.insertAccountToken(SecretTokens.hash(token), user.id(), VERIFY_EMAIL, expiresAt)
                .then(outbox.append(new EmailVerificationRequested(user.id(), user.email(), user.displayName(), token,
                        expiresAt)));
    }

    /** Stops the access tokens of these sessions at once; their refresh tokens die with the revoked session rows. */
    private Mono<Void> endSessions(Flux<UUID> sessionIds) {
        return sessionIds.concatMap(id -> revokedSessions.revoke(id.toString())).then();
    }

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String device(Origin origin) {
        String agent = origin.userAgent() == null ? "" : origin.userAgent();
        return agent.length() > 256 ? agent.substring(0, 256) : agent;
    }

    static Account account(UserRow user) {
        return new Account(user.id(), user.email(), user.displayName(), user.role(), user.merchantId(),
                user.emailVerifiedAt() != null, user.createdAt());
    }
}
