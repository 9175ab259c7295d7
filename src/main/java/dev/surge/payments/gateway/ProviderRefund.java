package dev.surge.payments.gateway;

import dev.surge.platform.persistence.Money;

/**
 * A refund as its provider reports it.
 *
 * @param refundReference   the provider's id of the refund ({@code re_...}, Paystack's refund id)
 * @param providerReference the provider's reference of the refunded payment
 * @param status            refunds may settle later: {@link Status#PENDING} now, a webhook tells the end
 * @param amount            the amount of this refund, in the currency's ISO minor unit
 */
public record ProviderRefund(String provider, String refundReference, String providerReference, Status status,
        Money amount) {

    /** Where a refund stands at its provider. */
    public enum Status {
        PENDING, SUCCEEDED, FAILED, CANCELED;

        /** The refund event this status means: succeeded, failed (or canceled), or {@code OTHER} while pending. */
        public PaymentEvent.Type eventType() {
            return switch (this) {
                case SUCCEEDED -> PaymentEvent.Type.REFUND_SUCCEEDED;
                case FAILED, CANCELED -> PaymentEvent.Type.REFUND_FAILED;
                case PENDING -> PaymentEvent.Type.OTHER;
            };
        }
    }
}
