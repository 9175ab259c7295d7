package dev.surge.payments.domain;

import dev.surge.payments.data.RefundRow;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/** A refund as the module shows it: PENDING until the provider confirms it, then SUCCEEDED, or FAILED. */
public record Refund(UUID id, UUID paymentId, String status, Money amount, String refundReference, Instant createdAt) {

    static Refund of(RefundRow row) {
        return new Refund(row.id(), row.paymentId(), row.status(), row.amount(), row.refundReference(), row.createdAt());
    }
}
