package dev.surge.payments.gateway;

import dev.surge.platform.persistence.Money;
import java.time.Instant;

/**
 * A payment as its provider reports it (verify, or one entry of a transaction list).
 *
 * @param paymentReference our reference from the provider's copy of it, null when the payment was not made
 *                         by Surge (reconciliation reports those)
 * @param amount           what was received once {@link ProviderPaymentStatus#SUCCEEDED}, else what is asked;
 *                         in the currency's ISO minor unit
 * @param createdAt        when the provider created it
 */
public record ProviderPayment(String provider, String providerReference, String paymentReference,
        ProviderPaymentStatus status, Money amount, Instant createdAt) {
}
