package dev.surge.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.platform.errors.TooManyRequestsException;
import dev.surge.support.IntegrationTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The limiter against real Redis, with the tiny limits of the test profile ({@code test-*}). Every test
 * uses fresh keys, because the test Redis database outlives a run.
 */
class RateLimiterIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private RateLimiter limiter;
    @Autowired
    private RateLimitProperties properties;
    @Autowired
    private ReactiveStringRedisTemplate redis;
    @Autowired
    private LettuceConnectionFactory redisFactory;
    @Autowired
    private MeterRegistry meters;

    @Test
    void theCallAfterTheCapacityIsRefusedWithTheWaitForTheNextToken() {
        String key = freshKey();
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(limiter.consume("test-burst", key)).expectComplete().verify(WAIT);
        }
        StepVerifier.create(limiter.consume("test-burst", key))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(TooManyRequestsException.class);
                    TooManyRequestsException limited = (TooManyRequestsException) error;
                    assertThat(limited.code()).isEqualTo("rate_limited");
                    // 3 per hour, refilled smoothly: the next token comes 20 minutes after the first was taken.
                    assertThat(limited.retryAfter()).isGreaterThan(Duration.ofMinutes(19))
                            .isLessThanOrEqualTo(Duration.ofMinutes(20));
                })
                .verify(WAIT);
    }

    @Test
    void keysAndLimitsHaveTheirOwnBuckets() {
        String exhausted = freshKey();
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(limiter.consume("test-burst", exhausted)).expectComplete().verify(WAIT);
        }
        StepVerifier.create(limiter.consume("test-burst", exhausted))
                .expectError(TooManyRequestsException.class).verify(WAIT);

        String other = freshKey();
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(limiter.consume("test-burst", other)).expectComplete().verify(WAIT);
        }
        StepVerifier.create(limiter.consume("test-http", exhausted)).expectComplete().verify(WAIT);
    }

    @Test
    void tokensComeBackAfterTheAnnouncedWait() {
        String key = freshKey();
        StepVerifier.create(limiter.consume("test-refill", key).then(limiter.consume("test-refill", key)))
                .expectComplete().verify(WAIT);
        TooManyRequestsException limited = refusal(limiter.consume("test-refill", key));
        // 2 per 4 s: one token every 2 s (long enough that a loaded machine cannot refill one between calls).
        assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));

        StepVerifier.create(Mono.delay(limited.retryAfter().plusMillis(20)).then(limiter.consume("test-refill", key)))
                .expectComplete().verify(WAIT);
        refusal(limiter.consume("test-refill", key));
    }

    @Test
    void simultaneousCallsNeverTakeMoreTokensThanTheBucketHolds() {
        String key = freshKey();
        double unavailableBefore = unavailable("test-concurrent");

        Flux<Boolean> outcomes = Flux.range(0, 200)
                .flatMap(i -> limiter.consume("test-concurrent", key)
                        .subscribeOn(Schedulers.parallel())
                        .thenReturn(true)
                        .onErrorResume(TooManyRequestsException.class, refused -> Mono.just(false)), 200);

        StepVerifier.create(outcomes.collectList())
                .assertNext(results -> {
                    assertThat(results).hasSize(200);
                    assertThat(results.stream().filter(allowed -> allowed).count()).isEqualTo(50);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        // None of the 50 got through because Redis failed (that would let them pass uncounted).
        assertThat(unavailable("test-concurrent")).isEqualTo(unavailableBefore);
    }

    @Test
    void redisKeysArePrefixedHashedAndExpireOnceTheBucketWouldBeFull() {
        String key = "someone+" + UUID.randomUUID() + "@example.com";
        StepVerifier.create(limiter.consume("test-burst", key)).expectComplete().verify(WAIT);

        String redisKey = "surge:ratelimit:test-burst:" + RateLimiter.hash(key);
        assertThat(redisKey).doesNotContain("example.com").hasSize("surge:ratelimit:test-burst:".length() + 43);
        // One token short of full: 20 minutes to refill it, plus the 10 s margin.
        StepVerifier.create(redis.getExpire(redisKey))
                .assertNext(ttl -> assertThat(ttl).isGreaterThan(Duration.ofMinutes(19))
                        .isLessThanOrEqualTo(Duration.ofMinutes(20).plusSeconds(10)))
                .expectComplete().verify(WAIT);
    }

    @Test
    void anUnknownLimitNameFailsAtTheCall() {
        assertThatThrownBy(() -> limiter.consume("no-such-limit", "key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-limit");
    }

    @Test
    void failsOpenAndCountsItWhenRedisIsUnavailable() {
        SimpleMeterRegistry ownMeters = new SimpleMeterRegistry();
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        // Standalone Redis, or a Redis Cluster under -Pcluster: either connection, closed before use.
        StatefulConnection<String, byte[]> connection = redisFactory.getRequiredNativeClient() instanceof RedisClusterClient cluster
                ? cluster.connect(codec) : ((RedisClient) redisFactory.getRequiredNativeClient()).connect(codec);
        RateLimiter cutOff = new RateLimiter(connection, properties, ownMeters);
        connection.close();

        String key = freshKey();
        for (int i = 0; i < 4; i++) {
            StepVerifier.create(cutOff.consume("test-burst", key)).expectComplete().verify(WAIT);
        }
        assertThat(ownMeters.counter("surge.ratelimit.unavailable", "limit", "test-burst").count()).isEqualTo(4);
    }

    private static TooManyRequestsException refusal(Mono<Void> attempt) {
        TooManyRequestsException[] refused = new TooManyRequestsException[1];
        StepVerifier.create(attempt)
                .expectErrorSatisfies(error -> refused[0] = (TooManyRequestsException) error)
                .verify(WAIT);
        return refused[0];
    }

    private double unavailable(String limit) {
        return meters.counter("surge.ratelimit.unavailable", "limit", limit).count();
    }

    private static String freshKey() {
        return "it-" + UUID.randomUUID();
    }
}
