package dev.surge.payments.data;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund as stored: PENDING until its provider confirms it, then SUCCEEDED (and told to orders once) or
 * FAILED (see {@code RefundState}); {@code reversedAt} set when a success was failed by the provider afterwards.
 *
 * @param attempt     which try at the provider this is (1, then one more each time a failed refund is tried again)
 * @param providerKey the idempotency key the current attempt is sent to the provider with
 */
public record RefundRow(UUID id, UUID paymentId, String provider, String refundReference, String status, Money amount,
        String idempotencyKey, UUID requestedBy, int attempt, String providerKey, Instant recordedAt, Instant reversedAt,
        Instant createdAt) {

    /** The provider key of a refund's attempt: {@code refund-<id>-<attempt>}. */
    public static String providerKey(UUID id, int attempt) {
        return "refund-" + id + "-" + attempt;
    }
}
