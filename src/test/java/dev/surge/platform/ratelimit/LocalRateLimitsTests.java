package dev.surge.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.platform.errors.TooManyRequestsException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Buckets per key in this instance's memory: a burst up to the capacity, then 429 with the wait for a token. */
class LocalRateLimitsTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LocalRateLimits limits = new LocalRateLimits(new RateLimitProperties(
            Map.of("test-local", new RateLimitProperties.Limit(3, Duration.ofHours(1))), null), meters);

    @Test
    void aKeyGetsItsCapacityThenWaitsAndOtherKeysAreNotAffected() {
        for (int i = 0; i < 3; i++) {
            limits.consume("test-local", "203.0.113.7");
        }
        assertThatThrownBy(() -> limits.consume("test-local", "203.0.113.7"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, limited -> {
                    assertThat(limited.code()).isEqualTo("rate_limited");
                    // 3 per hour: the next token is 20 minutes away.
                    assertThat(limited.retryAfter()).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(20));
                });
        limits.consume("test-local", "198.51.100.1");
        assertThat(meters.counter("surge.ratelimit.rejected", "limit", "test-local").count()).isEqualTo(1);

        limits.forget("test-local", "203.0.113.7");
        limits.consume("test-local", "203.0.113.7");
    }

    @Test
    void anUnknownLimitIsAProgrammingError() {
        assertThatThrownBy(() -> limits.consume("no-such-limit", "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
