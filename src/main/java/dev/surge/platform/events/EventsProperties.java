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
 */
@ConfigurationProperties("surge.events")
public record EventsProperties(
        String bootstrapServers,
        @DefaultValue("surge") String clientId,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Relay relay,
        @DefaultValue Consumer consumer) {

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
     * out a few minutes of database or Redis trouble), and how long handled event ids are remembered.
     */
    public record Consumer(@DefaultValue("true") boolean enabled, @DefaultValue("12") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("30d") Duration processedRetention) {
    }
}
