package dev.surge.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code Idempotency-Key} settings.
 *
 * @param retention     how long a key is remembered from the moment its request started: retries within it get
 *                      the stored answer (or 409 while the first is running); after it the key is forgotten
 *                      and the same key runs the request again
 * @param lockTimeout   how long a running request holds its key: a request still unanswered after this (its
 *                      instance crashed, or it is stuck) may be taken over by a retry, which then runs it again.
 *                      Keep it well above the slowest protected request; it must be below {@code retention}
 * @param purgeInterval how often each instance deletes expired keys
 * @param purgeBatch    keys deleted per statement; a purge round runs at most {@value IdempotencyPurge#MAX_BATCHES}
 *                      statements
 */
@ConfigurationProperties("surge.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("60s") Duration lockTimeout,
        @DefaultValue("1m") Duration purgeInterval,
        @DefaultValue("500") int purgeBatch) {

    public IdempotencyProperties {
        if (lockTimeout.isNegative() || lockTimeout.isZero() || lockTimeout.compareTo(retention) >= 0) {
            throw new IllegalArgumentException("surge.idempotency.lock-timeout must be positive and below retention");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero() || purgeBatch < 1) {
            throw new IllegalArgumentException("surge.idempotency.purge-interval and purge-batch must be positive");
        }
    }
}
