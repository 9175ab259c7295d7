package dev.surge.platform.events;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Two real handlers of a test topic, run by {@code EventConsumers} like any other: {@code flaky} fails every
 * attempt at an event whose id is switched on in {@link #FAILING} (so it ends on the dead-letter topic), and
 * {@code steady} always applies. Each counts what it applied, per event.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DeadLetterTestHandlers {

    public static final String TOPIC = "surge.test.dead-letters";
    public static final String FLAKY = "test.dead-letters.flaky";
    public static final String STEADY = "test.dead-letters.steady";

    /** Ids of {@link Poked} events the flaky handler fails on while they are in here. */
    static final Set<UUID> FAILING = ConcurrentHashMap.newKeySet();
    static final Map<UUID, AtomicInteger> FLAKY_APPLIED = new ConcurrentHashMap<>();
    static final Map<UUID, AtomicInteger> STEADY_APPLIED = new ConcurrentHashMap<>();

    /** The test event; {@code key} is its partition key, so that events can share a partition. */
    public record Poked(UUID id, String key) implements DomainEvent {

        @Override
        public String topic() {
            return TOPIC;
        }
    }

    @Bean
    EventTopic deadLetterTestTopic() {
        return new EventTopic(TOPIC);
    }

    @Bean
    EventHandler<Poked> flakyTestHandler() {
        return EventHandlers.of(FLAKY, TOPIC, Poked.class, (event, metadata) -> Mono.defer(() -> FAILING.contains(event.id())
                ? Mono.error(new IllegalStateException("switched off for " + event.id()))
                : Mono.fromRunnable(() -> FLAKY_APPLIED.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet())));
    }

    @Bean
    EventHandler<Poked> steadyTestHandler() {
        return EventHandlers.of(STEADY, TOPIC, Poked.class, (event, metadata) -> Mono.fromRunnable(() ->
                STEADY_APPLIED.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet()));
    }

    static int applied(Map<UUID, AtomicInteger> counts, UUID id) {
        AtomicInteger count = counts.get(id);
        return count == null ? 0 : count.get();
    }
}
