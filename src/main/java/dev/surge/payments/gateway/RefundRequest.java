package dev.surge.payments.gateway;

import dev.surge.platform.persistence.Money;

/**
 * Money to give back for a paid payment.
 *
 * @param providerReference the provider's reference of the payment
 * @param amount            how much, in the payment's currency; null gives back everything not yet refunded
 * @param idempotencyKey    the same key for every try of the same refund; providers that support keys
 *                          (Stripe, the sandbox) refund once however often it is sent, and only then is a
 *                          failed refund retried
 */
public record RefundRequest(String providerReference, Money amount, String idempotencyKey) {

    public RefundRequest {
        if (providerReference == null || providerReference.isBlank()) {
            throw new IllegalArgumentException("providerReference is required");
        }
        if (amount != null && amount.amountMinor() <= 0) {
            throw new IllegalArgumentException("a partial refund must be more than zero");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotencyKey is required");
        }
    }

    public static RefundRequest full(String providerReference, String idempotencyKey) {
        return new RefundRequest(providerReference, null, idempotencyKey);
    }

    public static RefundRequest partial(String providerReference, Money amount, String idempotencyKey) {
        return new RefundRequest(providerReference, amount, idempotencyKey);
    }
}
