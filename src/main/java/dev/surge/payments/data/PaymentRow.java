package dev.surge.payments.data;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/** A payment as stored. Its id is also our reference at the provider. */
public record PaymentRow(UUID id, UUID orderId, String provider, String providerReference, String status, Money amount,
        Money refunded, String clientSecret, String authorizationUrl, String flag, String orderOutcome,
        Instant createdAt, Instant updatedAt) {
}
