package dev.surge.payments.domain;

import dev.surge.payments.data.DisputeRow;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/** A dispute (chargeback) of a payment as finance sees it; {@code closedAt} once WON or LOST. */
public record Dispute(UUID id, String provider, String disputeReference, UUID paymentId, UUID orderId, String status,
        String providerStatus, String reason, Money amount, Instant openedAt, Instant closedAt, Instant updatedAt) {

    static Dispute of(DisputeRow row) {
        return new Dispute(row.id(), row.provider(), row.disputeReference(), row.paymentId(), row.orderId(),
                row.status().name(), row.providerStatus(), row.reason(), row.amount(), row.openedAt(), row.closedAt(),
                row.updatedAt());
    }
}
