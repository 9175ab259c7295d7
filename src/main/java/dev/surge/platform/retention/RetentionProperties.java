package dev.surge.platform.retention;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long records that hold personal data or only serve operations are kept, and how the purge runs. Periods
 * already configured elsewhere keep their own settings: published outbox rows ({@code surge.events.relay.retention}),
 * processed event ids ({@code surge.events.consumer.processed-retention}), audit records
 * ({@code surge.audit.retention}) and idempotency keys (their own expiry). See docs/security.md, "Retention,
 * logs and images".
 *
 * @param interval      how often one instance (whichever holds the lease) runs every purge
 * @param batch         records deleted per statement
 * @param maxBatches    statements per kind and round: a backlog drains over a few rounds instead of holding a
 *                      connection for long
 * @param sessions      how long a session is kept after it ended (signed out, revoked or expired), with its
 *                      refresh tokens; refresh tokens of live sessions go this long after they expired. Keep it far
 *                      above the access-token lifetime (15 min): once its row is gone a revoked session is no longer
 *                      known to be revoked, so its access tokens must all have expired by then
 * @param accountTokens how long a password-reset or email-verification token is kept after it was used or expired
 * @param notifications how long a sent or failed email record (recipient, subject, template data) is kept
 * @param paymentEvents how long a processed payment webhook record is kept; its (provider, event id) key is what
 *                      makes a redelivery a no-op, and providers stop redelivering after days (Stripe: 3)
 * @param deadLetters   how long a replayed or discarded dead letter (with its payload) is kept; pending ones stay
 */
@ConfigurationProperties("surge.retention")
public record RetentionProperties(
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1000") int batch,
        @DefaultValue("50") int maxBatches,
        @DefaultValue("30d") Duration sessions,
        @DefaultValue("7d") Duration accountTokens,
        @DefaultValue("90d") Duration notifications,
        @DefaultValue("90d") Duration paymentEvents,
        @DefaultValue("30d") Duration deadLetters) {

    public RetentionProperties {
        for (Duration period : new Duration[] {interval, sessions, accountTokens, notifications, paymentEvents,
                deadLetters}) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("surge.retention periods and interval must be positive");
            }
        }
        if (batch < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("surge.retention.batch and max-batches must be positive");
        }
    }

    /** The instant before which a record kept for {@code period} may go. */
    public static Instant cutoff(Duration period) {
        return Instant.now().minus(period);
    }
}
