package dev.surge.payments.domain;

import dev.surge.payments.data.PaymentRow;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment as the module shows it. {@code clientSecret} (Stripe's embedded form) and {@code authorizationUrl}
 * (where to send the shopper) are the payer's to pay with.
 */
public record Payment(UUID id, UUID orderId, String provider, String providerReference, String status, Money amount,
        Money refunded, String clientSecret, String authorizationUrl, String flag, Instant createdAt,
        Instant updatedAt) {

    static Payment of(PaymentRow row) {
        return new Payment(row.id(), row.orderId(), row.provider(), row.providerReference(), row.status(), row.amount(),
                row.refunded(), row.clientSecret(), row.authorizationUrl(), row.flag(), row.createdAt(),
                row.updatedAt());
    }
}
