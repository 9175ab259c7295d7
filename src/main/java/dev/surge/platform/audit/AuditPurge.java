package dev.surge.platform.audit;

import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.persistence.LeaderLease;
import dev.surge.platform.retention.RetentionMetrics;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Every {@code surge.audit.purge-interval}, on the one instance holding the lease: deletes audit records older
 * than {@code surge.audit.retention}, oldest first, in batches of {@code purge-batch}. The lease only saves the
 * other instances the work: two purges at once stay correct ({@code SKIP LOCKED} keeps them off each other's rows).
 * Counted in {@code surge.retention.purged{kind=audit}}; kept apart from the retention job for its own settings.
 */
@Component
class AuditPurge extends BackgroundWork {

    /** Statements per round: a backlog drains over a few rounds instead of holding a connection for long. */
    static final int MAX_BATCHES = 50;

    private static final Logger log = LoggerFactory.getLogger(AuditPurge.class);

    private final AuditLog audit;
    private final LeaderLease lease;
    private final AuditProperties properties;
    private final RetentionMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    AuditPurge(AuditLog audit, LeaderLease lease, AuditProperties properties, RetentionMetrics metrics) {
        this.audit = audit;
        this.lease = lease;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    protected Disposable begin() {
        return every(properties.purgeInterval(), properties.purgeInterval(),
                () -> lease.ifLeader("audit-purge", properties.purgeInterval(), this::round),
                log, "Audit log purge");
    }

    /** Emits how many records it deleted. */
    Mono<Long> round() {
        int batch = properties.purgeBatch();
        return Mono.defer(() -> {
            var cutoff = clock.instant().minus(properties.retention());
            return audit.purgeBefore(cutoff, batch)
                    .expand(deleted -> deleted == batch ? audit.purgeBefore(cutoff, batch) : Mono.empty())
                    .take(MAX_BATCHES)
                    .reduce(0L, Long::sum);
        }).doOnNext(deleted -> {
            metrics.purged("audit", deleted);
            if (deleted > 0) {
                log.info("Purged {} audit record(s) older than {}", deleted, properties.retention());
            }
        }).timeout(Duration.ofMinutes(5));
    }
}
