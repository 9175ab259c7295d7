package dev.surge.platform.events;

/**
 * A fact another module may react to, named in the past tense ({@code ProductChanged}). The record's
 * components are the JSON payload; {@link #topic()} and {@link #key()} route it and are not part of it.
 */
public interface DomainEvent {

    /** Kafka topic, one per publishing module (e.g. {@code surge.catalog}); declare it as an {@link EventTopic}. */
    String topic();

    /**
     * Partition key (use the aggregate id). Events of one key land on one partition, but delivery is at
     * least once and not strictly ordered (concurrent relays, retries): make handlers idempotent and
     * tolerant of order, e.g. by comparing versions or timestamps.
     */
    String key();

    /** Stable type name consumers select on; the simple class name unless overridden. */
    default String type() {
        return getClass().getSimpleName();
    }
}
