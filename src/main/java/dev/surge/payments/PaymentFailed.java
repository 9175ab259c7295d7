package dev.surge.payments;

import dev.surge.platform.events.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment attempt for an order failed at its provider (declined, cancelled, reversed before it succeeded),
 * published once, when the payment first becomes FAILED. The order itself is unchanged: still pending payment
 * until it expires, so the buyer can pay again.
 */
public record PaymentFailed(UUID paymentId, UUID orderId, String provider, Instant at) implements DomainEvent {

    @Override
    public String topic() {
        return PaymentEvents.TOPIC;
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
