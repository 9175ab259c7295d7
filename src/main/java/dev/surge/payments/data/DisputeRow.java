package dev.surge.payments.data;

import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/** A dispute (chargeback) of one of our payments, as stored: one per provider dispute reference. */
public record DisputeRow(UUID id, String provider, String disputeReference, UUID paymentId, UUID orderId,
        DisputeStatus status, String providerStatus, String reason, Money amount, Instant openedAt, Instant closedAt,
        Instant updatedAt) {
}
