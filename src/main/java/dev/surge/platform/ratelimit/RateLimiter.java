package dev.surge.platform.ratelimit;

import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.errors.TooManyRequestsException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Named token-bucket rate limits shared by every instance, kept in Redis through Bucket4j's
 * compare-and-swap proxy manager (one {@code GET} plus one {@code EVAL} per attempt; a lost race is
 * retried until it wins, so concurrent callers never take more tokens than the bucket holds).
 *
 * <p>Typical use, before any expensive work:
 * <pre>{@code
 * limiter.consume(RateLimitProperties.AUTH_IP, clientIp.limitKey(request))
 *     .then(limiter.consume(RateLimitProperties.AUTH_ACCOUNT, email))
 *     .then(Mono.defer(() -> verifyPassword(...)))
 * }</pre>
 *
 * <p><b>Redis keys</b> are {@code surge:ratelimit:<limit>:<base64url(SHA-256(key))>}: caller keys are
 * user input (emails, addresses) of any length, so they are hashed, which also keeps personal data out of
 * Redis. Each key expires once its bucket would have refilled to full, plus a margin, so idle clients
 * cost nothing. A limit whose capacity or period is changed applies to a key once its old bucket expired.
 *
 * <p><b>When Redis fails</b> (connection refused or lost, command timeout after
 * {@code spring.data.redis.timeout}, an error reply), {@link #consume} <em>fails open</em>: it lets the
 * request through, counts it in {@code surge.ratelimit.unavailable{limit}} and logs a WARN (at most one per
 * {@value #WARN_EVERY_SECONDS} s). Reasons: these limits blunt abuse (password guessing, sign-up spam)
 * but are not what makes a request correct, whereas failing closed would turn a Redis blip into a login
 * and sign-up outage for everyone; password checks stay bounded by their own scheduler; and a Redis
 * outage that lasts takes the instance out of rotation anyway, because readiness includes Redis. Only
 * Redis errors fail open: contention is not one (lost compare-and-swap races are retried, never timed out
 * into a pass), and any other error is a bug and propagates.
 *
 * <p>Nothing here blocks: the connection is opened once at start-up on the main thread (as
 * {@code RedisConnectionConfig} does for Spring's), reusing Spring's Lettuce client and so its host, port,
 * database, credentials, TLS and timeouts; calls go through Lettuce's async API. The returned {@code Mono}
 * completes on a Lettuce I/O thread: move CPU-heavy work that follows to its own scheduler.
 */
@Component
public class RateLimiter {

    static final String KEY_PREFIX = "surge:ratelimit:";
    static final long WARN_EVERY_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** Kept after a bucket would be full again, so a clock skew between instances cannot drop a live one. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

    private final StatefulConnection<String, byte[]> connection;
    private final AsyncProxyManager<String> buckets;
    private final Map<String, Limit> limits;
    private final AtomicLong nextWarnAt = new AtomicLong(System.nanoTime());
    private final AtomicLong unwarned = new AtomicLong();

    @Autowired
    RateLimiter(LettuceConnectionFactory redis, RateLimitProperties properties, MeterRegistry meters) {
        this(connect(redis.getRequiredNativeClient()), properties, meters);
    }

    RateLimiter(StatefulConnection<String, byte[]> connection, RateLimitProperties properties, MeterRegistry meters) {
        this.connection = connection;
        this.buckets = proxyManager(connection).asAsync();
        this.limits = properties.limits().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> new Limit(entry.getKey(), entry.getValue(), meters)));
    }

    /**
     * Takes one token from the bucket of {@code key} under the limit {@code limitName}.
     *
     * @param limitName a name configured under {@code surge.rate-limits.limits} (the defaults are the
     *                  constants of {@link RateLimitProperties})
     * @param key       whose bucket: a client address, a normalised email, an account id...
     * @return completes empty when a token was taken (or Redis is unavailable, see above); errors with
     *         {@link TooManyRequestsException} {@code rate_limited}, whose {@code retryAfter} is the wait
     *         until the next token, when the bucket is empty
     * @throws IllegalArgumentException at once, not in the {@code Mono}, for a limit name that is not
     *                                  configured: that is a programming error, not a request error
     */
    public Mono<Void> consume(String limitName, String key) {
        Objects.requireNonNull(key, "key");
        Limit limit = limits.get(limitName);
        if (limit == null) {
            throw new IllegalArgumentException("No rate limit named '" + limitName + "'; configured: "
                    + limits.keySet());
        }
        String redisKey = limit.keyPrefix + hash(key);
        return Mono.fromCompletionStage(() -> buckets.builder()
                        .build(redisKey, limit.configuration)
                        .tryConsumeAndReturnRemaining(1))
                .onErrorResume(RateLimiter::isRedisFailure, error -> {
                    limit.unavailable.increment();
                    warn(limit.name, error);
                    return Mono.just(ConsumptionProbe.consumed(0, 0));
                })
                .flatMap(probe -> {
                    if (probe.isConsumed()) {
                        return Mono.empty();
                    }
                    limit.rejected.increment();
                    Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
                    return Mono.error(new RateLimited(retryAfter));
                });
    }

    @PreDestroy
    void close() {
        connection.close();
    }

    private static StatefulConnection<String, byte[]> connect(AbstractRedisClient client) {
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        if (client instanceof RedisClient standalone) {
            return standalone.connect(codec);
        }
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connect(codec);
        }
        throw new IllegalStateException("Unsupported Lettuce client for rate limiting: " + client.getClass());
    }

    @SuppressWarnings("unchecked")
    private static ProxyManager<String> proxyManager(StatefulConnection<String, byte[]> connection) {
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
        if (connection instanceof StatefulRedisConnection<?, ?> standalone) {
            builder = Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<String, byte[]>) standalone);
        } else if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            builder = Bucket4jLettuce.casBasedBuilder((StatefulRedisClusterConnection<String, byte[]>) cluster);
        } else {
            throw new IllegalStateException("Unsupported Lettuce connection: " + connection.getClass());
        }
        return builder
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_MARGIN))
                .build();
    }

    private static boolean isRedisFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException) {
                return true;
            }
        }
        return false;
    }

    private void warn(String limitName, Throwable error) {
        long now = System.nanoTime();
        long next = nextWarnAt.get();
        if (now - next >= 0 && nextWarnAt.compareAndSet(next, now + Duration.ofSeconds(WARN_EVERY_SECONDS).toNanos())) {
            long suppressed = unwarned.getAndSet(0);
            log.warn("Rate limit '{}' not enforced: Redis unavailable ({}); {} more such requests let through "
                    + "since the last warning", limitName, error.toString(), suppressed);
        } else {
            unwarned.incrementAndGet();
        }
    }

    static String hash(String key) {
        return Sha256.base64Url(key);
    }

    private static final class Limit {

        final String name;
        final String keyPrefix;
        final BucketConfiguration configuration;
        final Counter unavailable;
        final Counter rejected;

        Limit(String name, RateLimitProperties.Limit limit, MeterRegistry meters) {
            this.name = name;
            this.keyPrefix = KEY_PREFIX + name + ":";
            this.configuration = BucketConfiguration.builder()
                    .addLimit(bandwidth -> bandwidth.capacity(limit.capacity())
                            .refillGreedy(limit.capacity(), limit.period()))
                    .build();
            this.unavailable = Counter.builder("surge.ratelimit.unavailable")
                    .description("Requests let through unchecked because Redis did not answer")
                    .tag("limit", name).register(meters);
            this.rejected = Counter.builder("surge.ratelimit.rejected")
                    .description("Requests refused for going over a rate limit")
                    .tag("limit", name).register(meters);
        }
    }

    /** Over a limit: 429 with the wait until the next request is let through. */
    static final class RateLimited extends TooManyRequestsException {
        RateLimited(Duration retryAfter) {
            super("rate_limited", "Too many requests; try again in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000)
                    + " s", retryAfter);
        }
    }
}
