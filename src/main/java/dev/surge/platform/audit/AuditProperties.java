package dev.surge.platform.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit log settings.
 *
 * @param retention     how long an audit record is kept; older ones are deleted by {@link AuditPurge}
 * @param purgeInterval how often one instance (whichever holds the lease) deletes records past retention
 * @param purgeBatch    records deleted per statement; a round runs at most {@value AuditPurge#MAX_BATCHES}
 *                      statements, so a backlog drains over a few rounds
 */
@ConfigurationProperties("surge.audit")
public record AuditProperties(
        @DefaultValue("365d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("1000") int purgeBatch) {

    public AuditProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("surge.audit.retention must be positive");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero() || purgeBatch < 1) {
            throw new IllegalArgumentException("surge.audit.purge-interval and purge-batch must be positive");
        }
    }
}
