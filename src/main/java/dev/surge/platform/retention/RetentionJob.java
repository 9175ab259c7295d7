package dev.surge.platform.retention;

import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.persistence.LeaderLease;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code surge.retention.interval}, on the one instance holding the lease: runs each module's
 * {@link RetentionPurge}, one kind after the other, in batches of {@code batch} up to {@code max-batches}
 * statements per kind, and counts what each removed ({@link RetentionMetrics}). A kind that fails is logged and
 * the others still run. The lease only saves the other instances the work: every purge is safe to run twice.
 */
@Component
class RetentionJob extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<RetentionPurge> purges;
    private final LeaderLease lease;
    private final RetentionMetrics metrics;
    private final RetentionProperties properties;

    RetentionJob(List<RetentionPurge> purges, LeaderLease lease, RetentionMetrics metrics,
            RetentionProperties properties) {
        this.purges = List.copyOf(purges);
        this.lease = lease;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    protected Disposable begin() {
        return every(properties.interval(), properties.interval(),
                () -> lease.ifLeader("retention-purge", properties.interval(), this::round), log, "Retention purge");
    }

    /** Emits how many records each kind lost this round, in the order the purges ran. */
    Mono<Map<String, Long>> round() {
        return Flux.fromIterable(purges)
                .concatMap(purge -> drain(purge).map(count -> Map.entry(purge.kind(), count)))
                .collect(LinkedHashMap<String, Long>::new, (all, entry) -> all.put(entry.getKey(), entry.getValue()))
                .map(all -> (Map<String, Long>) all)
                .timeout(Duration.ofMinutes(10));
    }

    private Mono<Long> drain(RetentionPurge purge) {
        int batch = properties.batch();
        return Mono.defer(() -> purge.purge(batch))
                .expand(deleted -> deleted == batch ? purge.purge(batch) : Mono.empty())
                .take(properties.maxBatches())
                .reduce(0L, Long::sum)
                .doOnNext(deleted -> {
                    metrics.purged(purge.kind(), deleted);
                    if (deleted > 0) {
                        log.info("Retention: purged {} record(s) of kind {}", deleted, purge.kind());
                    }
                })
                .onErrorResume(Exception.class, e -> {
                    log.warn("Retention purge of {} failed: {}", purge.kind(), e.toString());
                    return Mono.just(0L);
                });
    }
}
