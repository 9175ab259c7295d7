package dev.surge.platform.idempotency;

import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.retention.RetentionMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Every instance, every {@code purge-interval}: deletes expired keys in small batches. Idempotent, so instances
 * need not take turns ({@code SKIP LOCKED} keeps them off each other's rows). Expired keys are never replayed
 * whether or not they are purged yet; the purge only keeps the table small. Counted in
 * {@code surge.retention.purged{kind=idempotency-keys}}.
 */
@Component
class IdempotencyPurge extends BackgroundWork {

    /** Statements per round: a backlog drains over a few rounds instead of holding a connection for long. */
    static final int MAX_BATCHES = 20;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final RetentionMetrics metrics;

    IdempotencyPurge(IdempotencyStore store, IdempotencyProperties properties, RetentionMetrics metrics) {
        this.store = store;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    protected Disposable begin() {
        return every(properties.purgeInterval(), properties.purgeInterval(), this::round, log, "Idempotency key purge");
    }

    /** Emits how many keys it deleted. */
    Mono<Long> round() {
        int batch = properties.purgeBatch();
        return store.purgeExpired(batch)
                .expand(deleted -> deleted == batch ? store.purgeExpired(batch) : Mono.empty())
                .take(MAX_BATCHES)
                .reduce(0L, Long::sum)
                .doOnNext(deleted -> {
                    metrics.purged("idempotency-keys", deleted);
                    if (deleted > 0) {
                        log.debug("Purged {} expired idempotency key(s)", deleted);
                    }
                })
                .timeout(Duration.ofMinutes(1));
    }
}
