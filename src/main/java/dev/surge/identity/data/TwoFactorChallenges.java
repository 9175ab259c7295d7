package dev.surge.identity.data;

import dev.surge.platform.crypto.Sha256;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The pending second step of a sign-in: after a correct password, a random challenge (kept as its SHA-256
 * in Redis, with a short TTL) stands for "this account, password already checked". The challenge and its
 * failure counter share a hash tag ({@code surge:auth:2fa-challenge:{<hash>}} and {@code ...:failures}), so
 * closing deletes both in one command on one Redis Cluster slot.
 */
@Repository
public class TwoFactorChallenges {

    private static final String PREFIX = "surge:auth:2fa-challenge:";

    private final ReactiveStringRedisTemplate redis;

    TwoFactorChallenges(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    public Mono<Void> open(String challenge, UUID userId, Duration ttl) {
        return redis.opsForValue().set(key(challenge), userId.toString(), ttl).then();
    }

    public Mono<UUID> find(String challenge) {
        return redis.opsForValue().get(key(challenge)).map(UUID::fromString);
    }

    public Mono<Void> close(String challenge) {
        return redis.delete(key(challenge), key(challenge) + ":failures").then();
    }

    /**
     * Takes one of the challenge's {@code max} attempts before any code is checked (atomically, across
     * instances), so a burst of parallel guesses gets {@code max} tries, not one per request.
     */
    public Mono<Boolean> takeAttempt(String challenge, int max) {
        String attempts = key(challenge) + ":failures";
        return redis.opsForValue().increment(attempts)
                .flatMap(count -> redis.expire(attempts, Duration.ofMinutes(10)).thenReturn(count <= max));
    }

    private static String key(String challenge) {
        return PREFIX + "{" + Sha256.hex(challenge) + "}";
    }
}
