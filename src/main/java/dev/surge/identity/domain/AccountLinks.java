package dev.surge.identity.domain;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.platform.events.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The single-use links emailed to an account (verify the address, set a password): a new secret token
 * whose hash is stored, and the event that has notifications send it. Runs in the caller's transaction.
 */
@Component
class AccountLinks {

    static final String VERIFY_EMAIL = "VERIFY_EMAIL";
    static final String RESET_PASSWORD = "RESET_PASSWORD";

    private final AccountQueries accounts;
    private final SecretTokens secrets;
    private final Outbox outbox;
    private final IdentityProperties properties;

    AccountLinks(AccountQueries accounts, SecretTokens secrets, Outbox outbox, IdentityProperties properties) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.outbox = outbox;
        this.properties = properties;
    }

    Mono<Void> emailVerification(UserRow user) {
        String token = secrets.newToken();
        Instant expiresAt = Instant.now().plus(properties.emailTokenTtl());
        return accounts.insertAccountToken(SecretTokens.hash(token), user.id(), VERIFY_EMAIL, expiresAt)
                .then(outbox.append(new EmailVerificationRequested(user.id(), user.email(), user.displayName(), token,
                        expiresAt)));
    }

    /** A reset link asked for by the account holder. */
    Mono<Void> passwordReset(UserRow user) {
        return passwordLink(user.id(), user.email(), user.displayName(), properties.resetTokenTtl());
    }

    /** The invitation of an account made by an admin: a reset link that lives as long as a verification link. */
    Mono<Void> invitation(UUID userId, String email, String displayName) {
        return passwordLink(userId, email, displayName, properties.emailTokenTtl());
    }

    private Mono<Void> passwordLink(UUID userId, String email, String displayName, Duration ttl) {
        String token = secrets.newToken();
        Instant expiresAt = Instant.now().plus(ttl);
        return accounts.insertAccountToken(SecretTokens.hash(token), userId, RESET_PASSWORD, expiresAt)
                .then(outbox.append(new PasswordResetRequested(userId, email, displayName, token, expiresAt)));
    }
}
