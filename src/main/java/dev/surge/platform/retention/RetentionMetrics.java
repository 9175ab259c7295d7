package dev.surge.platform.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code surge.retention.purged{kind}} (Prometheus: {@code surge_retention_purged_total}): records each purge
 * removed, by kind. Jobs that purge on their own schedule (audit, idempotency keys) count here too.
 */
@Component
public class RetentionMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RetentionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void purged(String kind, long count) {
        counters.computeIfAbsent(kind, k -> Counter.builder("surge.retention.purged")
                        .description("Records deleted past their retention period")
                        .tag("kind", k)
                        .register(registry))
                .increment(count);
    }
}
