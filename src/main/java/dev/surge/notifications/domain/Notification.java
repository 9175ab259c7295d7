package dev.surge.notifications.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorded email as admins see it: what caused it, to whom, and where its delivery stands. {@code status}:
 * PENDING (to be sent, or to be tried again at {@code nextAttemptAt}), SENT, or FAILED (its tries ran out;
 * {@code lastError} says why). The body is not shown: it is rendered from the template when sent.
 */
public record Notification(UUID id, UUID eventId, String eventType, String template, String recipient,
        String subject, UUID orderId, UUID merchantId, String status, int attempts, String lastError,
        Instant nextAttemptAt, Instant createdAt, Instant updatedAt, Instant sentAt) {
}
