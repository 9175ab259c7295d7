package dev.surge.identity.domain;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.data.TwoFactorChallenges;
import dev.surge.identity.domain.IdentityErrors.InvalidChallenge;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The step between a correct password and the second factor: a random challenge that stands for "this
 * account, password already checked", short-lived and good for three code attempts. More guessing needs the
 * password again.
 */
@Component
class SignInChallenges {

    static final int MAX_CODE_ATTEMPTS = 3;

    private final TwoFactorChallenges challenges;
    private final SecretTokens secrets;
    private final Duration ttl;

    SignInChallenges(TwoFactorChallenges challenges, SecretTokens secrets, IdentityProperties properties) {
        this.challenges = challenges;
        this.secrets = secrets;
        this.ttl = properties.twoFactor().challengeTtl();
    }

    Mono<TwoFactorRequired> open(UserRow user) {
        String challenge = secrets.newToken();
        return challenges.open(challenge, user.id(), ttl)
                .thenReturn(new TwoFactorRequired(true, challenge, ttl.toSeconds()));
    }

    /** The account the challenge was opened for; {@code invalid_challenge} when it expired or was closed. */
    Mono<UUID> account(String challenge) {
        return challenges.find(challenge).switchIfEmpty(Mono.error(InvalidChallenge::new));
    }

    /** Takes one of the challenge's attempts; the attempt after the last closes it and fails. */
    Mono<Void> takeAttempt(String challenge) {
        return challenges.takeAttempt(challenge, MAX_CODE_ATTEMPTS)
                .flatMap(allowed -> allowed ? Mono.<Void>empty()
                        : challenges.close(challenge).then(Mono.error(new InvalidChallenge())));
    }

    Mono<Void> close(String challenge) {
        return challenges.close(challenge);
    }
}
