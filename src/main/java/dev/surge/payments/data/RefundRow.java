package dev.surge.payments.data;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/** A refund as stored: PENDING until its provider confirms it, then SUCCEEDED (and told to orders once) or FAILED. */
public record RefundRow(UUID id, UUID paymentId, String provider, String refundReference, String status, Money amount,
        String idempotencyKey, UUID requestedBy, Instant recordedAt, Instant createdAt) {
}
