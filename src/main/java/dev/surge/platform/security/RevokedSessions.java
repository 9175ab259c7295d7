package dev.surge.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Session ids whose access tokens must stop working before they expire (logout, revocation, refresh
 * token theft). Redis holds the truth, for one access-token lifetime: after that every token of the
 * session has expired anyway. Checked on every authenticated request.
 * <p>
 * Every instance answers that check from memory: a session it has asked Redis about is remembered as
 * "not revoked" for {@code surge.security.jwt.revocation-cache-ttl}, and as revoked until its tokens have
 * expired. A revocation is written to Redis, then published on {@value #CHANNEL}; every instance
 * (this one included) is subscribed and marks the session revoked at once. If that message is lost (the
 * subscription's connection dropped), an instance notices within the cache TTL; on every (re)subscription
 * the remembered "not revoked" answers are dropped, so a reconnect cannot keep a stale one.
 */
@Component
public class RevokedSessions implements SmartLifecycle {

    static final String CHANNEL = "surge:auth:revoked-sessions";
    private static final String PREFIX = "surge:auth:revoked-session:";
    private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);
    private static final Mono<Boolean> REVOKED = Mono.just(true);
    private static final Mono<Boolean> NOT_REVOKED = Mono.just(false);

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;
    private final Cache<String, Boolean> known;
    private final LettuceConnectionFactory lettuce;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    @Autowired
    RevokedSessions(ReactiveStringRedisTemplate redis, JwtProperties properties, LettuceConnectionFactory lettuce) {
        this.redis = redis;
        this.ttl = properties.accessTokenTtl().plusMinutes(1); // covers the validators' clock skew
        Duration notRevokedFor = properties.revocationCacheTtl();
        this.known = Caffeine.newBuilder()
                .maximumSize(Math.max(1000, properties.verifiedTokenCacheSize()))
                .expireAfter(Expiry.<String, Boolean>creating((session, revoked) -> revoked ? ttl : notRevokedFor))
                .build();
        this.lettuce = lettuce;
    }

    /**
     * Subscribes with the connection factory's current client, on the thread that starts the application
     * (or resumes it after a stop: a stopped factory's client is gone, so the subscription is made anew).
     * Lettuce re-subscribes by itself after a reconnect.
     */
    @Override
    public void start() {
        if (subscription == null) {
            subscription = subscribe(lettuce.getRequiredNativeClient());
        }
    }

    @Override
    public void stop() {
        StatefulRedisPubSubConnection<String, String> open = subscription;
        subscription = null;
        if (open != null) {
            open.closeAsync();
        }
        known.asMap().values().removeIf(revoked -> !revoked); // no messages while stopped
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    /** Opens the subscription; Lettuce re-subscribes by itself after a reconnect. */
    private StatefulRedisPubSubConnection<String, String> subscribe(AbstractRedisClient client) {
        StatefulRedisPubSubConnection<String, String> connection;
        if (client instanceof RedisClient standalone) {
            connection = standalone.connectPubSub();
        } else if (client instanceof RedisClusterClient cluster) {
            connection = cluster.connectPubSub();
        } else {
            throw new IllegalStateException("Unsupported Lettuce client for pub/sub: " + client.getClass());
        }
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String sessionId) {
                known.put(sessionId, true);
            }

            @Override
            public void subscribed(String channel, long count) {
                // First subscription, or again after a reconnect: messages may have been missed meanwhile.
                known.asMap().values().removeIf(revoked -> !revoked);
            }
        });
        connection.sync().subscribe(CHANNEL);
        return connection;
    }

    public Mono<Void> revoke(String sessionId) {
        return redis.opsForValue().set(PREFIX + sessionId, "1", ttl)
                .then(Mono.fromRunnable(() -> known.put(sessionId, true)))
                .then(redis.convertAndSend(CHANNEL, sessionId)
                        .doOnError(e -> log.warn("Revocation of session {} not announced to other instances ({}); "
                                + "they see it within the revocation cache TTL", sessionId, e.toString()))
                        .onErrorResume(e -> Mono.empty()))
                .then();
    }

    public Mono<Boolean> isRevoked(String sessionId) {
        Boolean revoked = known.getIfPresent(sessionId);
        if (revoked != null) {
            return revoked ? REVOKED : NOT_REVOKED;
        }
        return redis.hasKey(PREFIX + sessionId).doOnNext(answer -> {
            if (answer) {
                known.put(sessionId, true);
            } else {
                known.asMap().putIfAbsent(sessionId, false); // a revocation that arrived meanwhile wins
            }
        });
    }

}
