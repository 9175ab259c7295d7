package dev.surge.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event backbone settings.
 *
 * @param bootstrapServers Kafka brokers, {@code host:port[,host:port]}
 * @param partitions       partitions of topics this service creates
 * @param replicationFactor replicas of topics this service creates (1 only for a single local broker)
 * @param minInsyncReplicas {@code min.insync.replicas} of topics this service creates: replicas that must have a
 *                          write before an {@code acks=all} producer hears it succeed (2 with 3 replicas: one broker
 *                          may be down and no acknowledged event lives on one disk only; 1 for a single broker)
 */
@ConfigurationProperties("surge.events")
public record EventsProperties(
        String bootstrapServers,
        @DefaultValue("surge") String clientId,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue Relay relay,
        @DefaultValue Consumer consumer,
        @DefaultValue DeadLetters deadLetters) {

    public EventsProperties {
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("surge.events.min-insync-replicas must be between 1 and the replication factor ("
                    + replicationFactor + "), not " + minInsyncReplicas);
        }
    }

    /**
     * @param batchSize    outbox rows published per transaction
     * @param maxAttempts  refusals by a working broker after which a row is parked
     * @param pollInterval fallback wake-up when no NOTIFY arrives (missed notification, other writer)
     * @param retention    how long published rows are kept for inspection before deletion
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("200") int batchSize,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("1s") Duration pollInterval, @DefaultValue("7d") Duration retention) {
    }

    /**
     * Retries of a failing handler before its message goes to the dead-letter topic (the defaults ride
     * out a few minutes of database or Redis trouble), how long handled event ids are remembered, and how long a
     * consumer that vanished without leaving its group keeps its partitions ({@code session.timeout.ms}).
     * <p>
     * {@code commitInterval}: how long a settled message's offset may wait before it is committed, together with
     * the others settled meanwhile (also committed when the consumer's partitions are revoked and when it closes).
     * One commit per message was a broker round trip per message per consumer group (eleven groups read the orders
     * topic), each awaited before the next message. An offset that was settled but not yet committed when an
     * instance dies is delivered again, which {@code processed_events} absorbs like any redelivery.
     * <p>
     * {@code batchSize}, {@code batchWait}: a handler's messages that arrive together (up to {@code batchSize}, the
     * first waiting at most {@code batchWait} for more) are applied in one transaction, their {@code processed_events}
     * rows claimed by one statement: the transaction and the claim were three of a consumed event's four or five
     * statements. When that transaction fails, each of its events is applied again on its own, with the retries and
     * the dead-letter topic of a single message. {@code batchSize} 1: one transaction per event, no waiting.
     */
    public record Consumer(@DefaultValue("true") boolean enabled, @DefaultValue("12") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("30d") Duration processedRetention, @DefaultValue("45s") Duration sessionTimeout,
            @DefaultValue("500ms") Duration commitInterval, @DefaultValue("50") int batchSize,
            @DefaultValue("20ms") Duration batchWait) {

        public Consumer {
            if (commitInterval.isNegative() || commitInterval.isZero()) {
                throw new IllegalArgumentException("surge.events.consumer.commit-interval must be positive");
            }
            if (batchSize < 1 || batchWait.isNegative() || batchWait.isZero()) {
                throw new IllegalArgumentException("surge.events.consumer.batch-size and batch-wait must be positive");
            }
        }
    }

    /**
     * The dead-letter topics as the back office sees them ({@code GET /api/v1/admin/events/dead-letters}).
     *
     * @param enabled       record every message of every declared topic's {@code .dlt} in {@code dead_letters}
     *                      (consumer group {@code surge.dead-letters})
     * @param depthInterval how often each instance counts pending dead letters per topic for the
     *                      {@code surge.events.dead_letters.pending} gauge
     * @param replayBatch   rows locked, published and marked per transaction by a bulk replay
     */
    public record DeadLetters(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration depthInterval,
            @DefaultValue("100") int replayBatch) {

        public DeadLetters {
            if (depthInterval.isNegative() || depthInterval.isZero() || replayBatch < 1) {
                throw new IllegalArgumentException("surge.events.dead-letters.depth-interval and replay-batch must be positive");
            }
        }
    }
}
