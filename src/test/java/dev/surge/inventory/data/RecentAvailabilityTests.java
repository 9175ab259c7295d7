package dev.surge.inventory.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.inventory.config.InventoryProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentAvailabilityTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UUID variant = UUID.randomUUID();

    private RecentAvailability recent(Duration ttl, int size) {
        return new RecentAvailability(new InventoryProperties(Duration.ofMinutes(15), Duration.ofSeconds(5), 200,
                Duration.ofMinutes(1), Duration.ofSeconds(2), 5, 100, ttl, size), registry);
    }

    private double count(String result) {
        return registry.get("surge.inventory.availability.cache").tag("result", result).counter().count();
    }

    @Test
    void aFigureReadWithoutAChangeInBetweenAnswersUntilThisInstanceChangesTheCounter() {
        RecentAvailability recent = recent(Duration.ofMinutes(1), 100);
        assertThat(recent.fresh(variant)).isNull();
        recent.remember(variant, 7, recent.stamp());
        assertThat(recent.fresh(variant)).isEqualTo(7);
        assertThat(recent.fresh(UUID.randomUUID())).isNull();

        recent.changed(variant);
        assertThat(recent.fresh(variant)).isNull();
        assertThat(count("hit")).isEqualTo(1);
        assertThat(count("miss")).isEqualTo(3);
    }

    @Test
    void aReadInFlightWhileACounterChangedIsNotKept() {
        RecentAvailability recent = recent(Duration.ofMinutes(1), 100);
        long sent = recent.stamp();
        recent.changed(UUID.randomUUID()); // any change: the reply may predate it
        recent.remember(variant, 7, sent);
        assertThat(recent.fresh(variant)).isNull();

        long after = recent.stamp();
        recent.remember(variant, 6, after);
        assertThat(recent.fresh(variant)).isEqualTo(6);
    }

    @Test
    void noTtlKeepsNothingAndAFullMapStartsOver() {
        RecentAvailability off = recent(Duration.ZERO, 100);
        off.remember(variant, 7, off.stamp());
        assertThat(off.fresh(variant)).isNull();

        RecentAvailability small = recent(Duration.ofMinutes(1), 2);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        small.remember(first, 1, small.stamp());
        small.remember(second, 2, small.stamp());
        small.remember(variant, 3, small.stamp());
        assertThat(small.fresh(first)).isNull();
        assertThat(small.fresh(second)).isNull();
        assertThat(small.fresh(variant)).isEqualTo(3);
    }
}
