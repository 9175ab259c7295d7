package dev.surge.identity.domain;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.PrivacyQueries;
import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.persistence.LeaderLease;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Deletes personal-data exports past their expiry (documents and unused links), every {@code purge-interval}, on
 * the one instance that holds the {@code identity-export-purge} lease; in batches, so one round never holds many
 * rows. Safe on two instances at once ({@code SKIP LOCKED}): the lease only saves the work.
 */
@Component
class ExportPurge extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(ExportPurge.class);
    private static final int BATCH = 500;

    private final PrivacyQueries privacy;
    private final LeaderLease lease;
    private final Duration interval;

    ExportPurge(PrivacyQueries privacy, LeaderLease lease, IdentityProperties properties) {
        this.privacy = privacy;
        this.lease = lease;
        this.interval = properties.exports().purgeInterval();
    }

    @Override
    protected Disposable begin() {
        return every(interval, interval, this::round, log, "Export purge");
    }

    /** One round: deletes expired exports until none is left; emits how many. */
    Mono<Long> round() {
        return lease.ifLeader("identity-export-purge", interval, () -> purgeAll(0L)).defaultIfEmpty(0L);
    }

    private Mono<Long> purgeAll(long sofar) {
        return privacy.purgeExpired(BATCH)
                .flatMap(count -> count < BATCH ? Mono.just(sofar + count) : purgeAll(sofar + count))
                .doOnNext(total -> {
                    if (total > 0) {
                        log.info("Deleted {} expired personal-data exports", total);
                    }
                });
    }
}
