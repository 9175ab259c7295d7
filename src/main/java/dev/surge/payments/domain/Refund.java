package dev.surge.payments.domain;

import dev.surge.payments.data.RefundRow;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund as the module shows it: PENDING until the provider confirms it, then SUCCEEDED, or FAILED
 * ({@link RefundState}); {@code reversedAt} when the provider failed it after it had succeeded, and
 * {@code attempt} the try at the provider it is on (a failed refund may be tried again).
 */
public record Refund(UUID id, UUID paymentId, String status, Money amount, String refundReference, int attempt,
        Instant reversedAt, Instant createdAt) {

    static Refund of(RefundRow row) {
        return new Refund(row.id(), row.paymentId(), row.status(), row.amount(), row.refundReference(), row.attempt(),
                row.reversedAt(), row.createdAt());
    }
}
