package dev.surge.payments.gateway;

import dev.surge.platform.persistence.Money;
import java.time.Instant;

/**
 * A verified webhook event in provider-neutral terms.
 * <p>
 * {@code (provider, eventId)} identifies the delivery: providers repeat deliveries, so whoever applies
 * events records this pair under a unique constraint and applies each one once. Providers also send one
 * change under several event types (Stripe's {@code refund.updated} and {@code charge.refund.updated}),
 * so refunds are applied once per {@code refundReference}, not per event.
 *
 * @param eventId                  the provider's event id, or for providers without one (Paystack) an id
 *                                 made from the event type and the object's id, equal for repeats
 * @param type                     what happened; {@link Type#OTHER} for events that change nothing here
 * @param providerEventType        the provider's own name of the event ({@code payment_intent.succeeded})
 * @param providerReference        the provider's reference of the payment, null for unrelated events
 * @param paymentReference         our payment reference carried in the provider's metadata, null if absent
 * @param refundReference          the provider's refund id for refund events, else null
 * @param amount                   what the event says was paid or refunded, ISO minor units; null if none
 * @param occurredAt               when the provider says it happened
 */
public record PaymentEvent(String provider, String eventId, Type type, String providerEventType,
        String providerReference, String paymentReference, String refundReference, Money amount,
        Instant occurredAt) {

    /** What an event means for a payment. */
    public enum Type {
        /** The payment's money is taken. Grant value only after checking amount and currency. */
        PAYMENT_SUCCEEDED,
        /** The payment attempt failed; a later attempt may still succeed. */
        PAYMENT_FAILED,
        /** A refund (full or partial: see amount) has gone through. */
        REFUND_SUCCEEDED,
        /** A refund that was pending has failed; the money stays with us. */
        REFUND_FAILED,
        /** Anything else; recorded, changes nothing. */
        OTHER
    }

    /** The same event, now of {@code newType} with the given amount (used when a provider's API overrules a webhook). */
    public PaymentEvent confirmedAs(Type newType, Money confirmedAmount) {
        return new PaymentEvent(provider, eventId, newType, providerEventType, providerReference, paymentReference,
                refundReference, confirmedAmount, occurredAt);
    }
}
