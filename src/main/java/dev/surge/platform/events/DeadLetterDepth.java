package dev.surge.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Gauge {@code surge.events.dead_letters.pending{topic}}: dead letters nobody has replayed or discarded yet. Each
 * instance counts them every {@code surge.events.dead-letters.depth-interval} (one grouped count over a partial
 * index) and the gauge reads the last count, so a scrape costs no query. Every declared topic reports, 0 included.
 */
@Component
class DeadLetterDepth extends BackgroundWork {

    static final String GAUGE = "surge.events.dead_letters.pending";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDepth.class);

    private final DeadLetterRows rows;
    private final MeterRegistry meters;
    private final EventsProperties.DeadLetters settings;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

    DeadLetterDepth(DeadLetterRows rows, MeterRegistry meters, EventsProperties properties, List<EventTopic> topics) {
        this.rows = rows;
        this.meters = meters;
        this.settings = properties.deadLetters();
        topics.forEach(topic -> gauge(topic.name()));
    }

    /** Counts again; emits the counts per topic it now reports. */
    Mono<Map<String, Long>> refresh() {
        return rows.pendingByTopic().collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(counts -> {
                    counts.keySet().forEach(this::gauge);
                    pending.forEach((topic, value) -> value.set(counts.getOrDefault(topic, 0L)));
                    return Map.copyOf(counts);
                });
    }

    private AtomicLong gauge(String topic) {
        return pending.computeIfAbsent(topic, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(GAUGE, value, AtomicLong::get).tag("topic", name)
                    .description("Dead letters not replayed or discarded yet, as of the last count").register(meters);
            return value;
        });
    }

    @Override
    protected Disposable begin() {
        if (!settings.enabled()) {
            return Disposables.disposed();
        }
        return every(Duration.ZERO, settings.depthInterval(), this::refresh, log, "Counting pending dead letters");
    }
}
