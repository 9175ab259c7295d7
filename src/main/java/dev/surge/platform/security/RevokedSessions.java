package dev.surge.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.surge.platform.persistence.Ids;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.UUID;
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
 * token theft). Checked on every authenticated request. The truth is the {@link RevocationLedger}
 * (PostgreSQL's {@code auth_sessions.revoked_at}, written in the same transaction as the revocation), so a
 * Redis flush or failover loses no revocation.
 * <p>
 * Every instance answers that check from memory: a session it has asked the ledger about is remembered as
 * "not revoked" for {@code surge.security.jwt.revocation-cache-ttl}, and as revoked until its tokens have
 * expired. A revocation is published on Redis {@value #CHANNEL}; every instance (this one included) is
 * subscribed and marks the session revoked at once. If that message is lost (the subscription's connection
 * dropped, Redis failed over), an instance notices within the cache TTL, from the ledger; on every
 * (re)subscription the remembered "not revoked" answers are dropped, so a reconnect cannot keep a stale one.
 */
@Component
public class RevokedSessions implements SmartLifecycle {

    static final String CHANNEL = "surge:auth:revoked-sessions";
    private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);
    private static final Mono<Boolean> REVOKED = Mono.just(true);
    private static final Mono<Boolean> NOT_REVOKED = Mono.just(false);

    private final ReactiveStringRedisTemplate redis;
    private final RevocationLedger ledger;
    private final Duration ttl;
    private final Cache<String, Boolean> known;
    private final LettuceConnectionFactory lettuce;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    @Autowired
    RevokedSessions(ReactiveStringRedisTemplate redis, RevocationLedger ledger, JwtProperties properties,
            LettuceConnectionFactory lettuce) {
        this.redis = redis;
        this.ledger = ledger;
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

    /**
     * Tells every instance at once. The caller has written the revocation to the ledger (in its transaction);
     * an instance that misses this message learns it from the ledger within the cache TTL.
     */
    public Mono<Void> revoke(String sessionId) {
        return Mono.fromRunnable(() -> known.put(sessionId, true))
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
        UUID id = Ids.parseOrNull(sessionId);
        return (id == null ? NOT_REVOKED : ledger.isRevoked(id)).doOnNext(answer -> {
            if (answer) {
                known.put(sessionId, true);
            } else {
                known.asMap().putIfAbsent(sessionId, false); // a revocation that arrived meanwhile wins
            }
        });
    }

}
