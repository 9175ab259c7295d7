package dev.surge.platform.security;

import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Session ids whose access tokens must stop working before they expire (logout, revocation, refresh
 * token theft). Kept in Redis for one access-token lifetime: after that every token of the session has
 * expired anyway. Checked on every authenticated request.
 */
@Component
public class RevokedSessions {

    private static final String PREFIX = "surge:auth:revoked-session:";

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;

    RevokedSessions(ReactiveStringRedisTemplate redis, JwtProperties properties) {
        this.redis = redis;
        this.ttl = properties.accessTokenTtl().plusMinutes(1); // covers the validators' clock skew
    }

    public Mono<Void> revoke(String sessionId) {
        return redis.opsForValue().set(PREFIX + sessionId, "1", ttl).then();
    }

    public Mono<Boolean> isRevoked(String sessionId) {
        return redis.hasKey(PREFIX + sessionId);
    }
}
