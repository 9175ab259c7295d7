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
 * @param dispute                  for {@link Type#DISPUTE}: the dispute as the event reports it, else null
 */
public record PaymentEvent(String provider, String eventId, Type type, String providerEventType,
        String providerReference, String paymentReference, String refundReference, Money amount,
        Instant occurredAt, Dispute dispute) {

    /** An event that is not about a dispute. */
    public PaymentEvent(String provider, String eventId, Type type, String providerEventType, String providerReference,
            String paymentReference, String refundReference, Money amount, Instant occurredAt) {
        this(provider, eventId, type, providerEventType, providerReference, paymentReference, refundReference, amount,
                occurredAt, null);
    }

    /**
     * A dispute (chargeback) as an event reports it.
     *
     * @param reference      the provider's id of the dispute ({@code dp_...}, Paystack's dispute id)
     * @param status         where it stands, provider-neutral
     * @param providerStatus the provider's own word for it ({@code needs_response}, {@code awaiting-merchant-feedback})
     * @param reason         why the payer disputes it, as the provider says ({@code fraudulent}, {@code chargeback}), or null
     */
    public record Dispute(String reference, DisputeStatus status, String providerStatus, String reason) {
    }

    /** What an event means for a payment. */
    public enum Type {
        /** The payment's money is taken. Grant value only after checking amount and currency. */
        PAYMENT_SUCCEEDED,
        /** The payment attempt failed; a later attempt may still succeed. */
        PAYMENT_FAILED,
        /** A refund (full or partial: see amount) has gone through. */
        REFUND_SUCCEEDED,
        /** A refund has failed (also after it had succeeded); the money stays with us. */
        REFUND_FAILED,
        /** A dispute (chargeback) of the payment was opened, changed or closed: see {@link #dispute()}. */
        DISPUTE,
        /** Anything else; recorded, changes nothing. */
        OTHER
    }

    /** The same event, now of {@code newType} with the given amount (used when a provider's API overrules a webhook). */
    public PaymentEvent confirmedAs(Type newType, Money confirmedAmount) {
        return new PaymentEvent(provider, eventId, newType, providerEventType, providerReference, paymentReference,
                refundReference, confirmedAmount, occurredAt, dispute);
    }
}
