package dev.surge.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.surge.platform.errors.TooManyRequestsException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Rate limits counted by each instance in its own memory (Bucket4j's local buckets, one per key, kept in a bounded
 * Caffeine cache until they would be full again), for the storefront's hottest reads: a limit there must not add a
 * Redis round trip to every listing and search the way {@link RateLimiter}'s shared buckets would. The cost is
 * precision: behind a load balancer spreading a client over N instances, the client gets up to N times the limit
 * (set the limit per instance accordingly; docs/operations.md, "Rate limits"). The limits themselves are configured
 * like the shared ones ({@code surge.rate-limits.limits}) and counted in the same meter,
 * {@code surge.ratelimit.rejected{limit}}.
 */
@Component
public class LocalRateLimits {

    /** Keys kept per limit: beyond this, the least recently seen clients' buckets are dropped (they restart full). */
    static final int MAX_KEYS = 100_000;

    private final Map<String, Local> limits;

    LocalRateLimits(RateLimitProperties properties, MeterRegistry meters) {
        this.limits = properties.limits().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> new Local(entry.getKey(), entry.getValue(), meters)));
    }

    /**
     * Takes a token of {@code key}'s bucket under {@code limitName}, or throws {@link TooManyRequestsException}
     * {@code rate_limited} with the wait until the next one. Synchronous and non-blocking (a lock-free bucket).
     *
     * @throws IllegalArgumentException for a limit name that is not configured (a programming error)
     */
    public void consume(String limitName, String key) {
        Objects.requireNonNull(key, "key");
        Local limit = limits.get(limitName);
        if (limit == null) {
            throw new IllegalArgumentException("No rate limit named '" + limitName + "'; configured: " + limits.keySet());
        }
        ConsumptionProbe probe = limit.buckets.get(key, ignored -> limit.newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            limit.rejected.increment();
            throw new RateLimiter.RateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Gives {@code key} an empty bucket whose next token is {@code wait} away: for tests of the routes it guards. */
    void exhaust(String limitName, String key, Duration wait) {
        Bucket empty = Bucket.builder().addLimit(bandwidth -> bandwidth.capacity(1).refillGreedy(1, wait)).build();
        empty.tryConsume(1);
        limits.get(limitName).buckets.put(key, empty);
    }

    /** Drops {@code key}'s bucket (it starts full again): for tests that emptied one. */
    void forget(String limitName, String key) {
        limits.get(limitName).buckets.invalidate(key);
    }

    private static final class Local {

        final RateLimitProperties.Limit limit;
        final Cache<String, Bucket> buckets;
        final Counter rejected;

        Local(String name, RateLimitProperties.Limit limit, MeterRegistry meters) {
            this.limit = limit;
            this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(limit.period()).build();
            this.rejected = Counter.builder("surge.ratelimit.rejected")
                    .description("Requests refused for going over a rate limit")
                    .tag("limit", name).register(meters);
        }

        Bucket newBucket() {
            return Bucket.builder()
                    .addLimit(bandwidth -> bandwidth.capacity(limit.capacity())
                            .refillGreedy(limit.capacity(), limit.period()))
                    .build();
        }
    }
}
