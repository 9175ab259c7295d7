package dev.surge.payments.data;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment as stored. Its id is also our reference at the provider. {@code amount} is what was asked (the
 * order's total); {@code received} what the provider reported taking, null until it did (it differs for a
 * flagged amount or currency mismatch, and then refunds give back what was received).
 */
public record PaymentRow(UUID id, UUID orderId, String provider, String providerReference, String status, Money amount,
        Money received, Money refunded, String clientSecret, String authorizationUrl, String flag, String orderOutcome,
        Instant createdAt, Instant updatedAt) {

    /** What refunds are measured against: what was received, else what was asked. */
    public Money refundable() {
        return received != null ? received : amount;
    }
}
