package dev.surge.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A message a handler gave up on, as the back office sees it. The payload and headers are kept for the replay
 * but not shown: they may hold personal data (an email address), and the event id finds the business record.
 *
 * @param topic          the topic it was published on (not the {@code .dlt} one)
 * @param partition      where it sat in {@code topic} when the handler failed (null if the record did not say)
 * @param offset         likewise
 * @param handler        the handler that gave up: the only one a replay is delivered to
 * @param errorClass     the last failure's exception class, without its stack
 * @param deadLetteredAt when the handler gave up
 * @param resolvedBy     the staff member who replayed or discarded it
 * @param replayOf       the dead letter whose replay failed again into this one
 */
public record DeadLetter(UUID id, DeadLetterStatus status, String topic, Integer partition, Long offset, String key,
        UUID eventId, String eventType, String handler, String errorClass, String errorMessage, Instant deadLetteredAt,
        Instant recordedAt, Instant resolvedAt, UUID resolvedBy, UUID replayOf) {
}
