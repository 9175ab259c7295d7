package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** What other modules (payments) may ask of orders. */
public interface OrdersApi {

    /** The order's payment-relevant facts; {@code OrderNotFound} when there is none. */
    Mono<OrderSummary> find(UUID orderId);

    /**
     * Whether a guest proves the order is theirs: the order was placed without an account, under this email
     * (any case), and {@code token} is the access token its confirmation carried. False for any mismatch.
     */
    Mono<Boolean> guestOwns(UUID orderId, String email, String token);

    /**
     * Applies a payment of {@code amount} to the order, at most once: the order becomes paid and its
     * reservations are sold in one transaction. A payment for an order that expired or was cancelled,
     * or that does not match the total, is not accepted; the order is flagged for a refund instead.
     */
    Mono<PaymentOutcome> markPaid(UUID orderId, Money amount, String paymentReference);

    /** Records money given back for the order's own payment; see the four-argument form. */
    Mono<OrderSummary> recordRefund(UUID orderId, Money amount, String refundReference);

    /**
     * Records money given back, once per {@code refundReference} (a repeat changes nothing). For the
     * order's own payment ({@code paymentReference} null or equal to it): the order becomes refunded, or
     * partially refunded while some remains (422 {@code over_refund} beyond what was paid); a full refund
     * before shipping puts the units back on hand. For another payment (late, second, wrong amount):
     * settles what the order owed back for it.
     */
    Mono<OrderSummary> recordRefund(UUID orderId, String paymentReference, Money amount, String refundReference);

    /**
     * Takes back a refund recorded by {@link #recordRefund} that its provider failed afterwards, once per
     * {@code refundReference} (a repeat, or a reference never recorded, changes nothing): the money is owed
     * again ({@code refund_failed} among the refunds due, or the settled amount owed back re-opened). For the
     * order's own payment its refunded amount goes down and it returns to partially refunded, or to the status
     * it had before it was refunded; an order whose units went back on hand with a full refund (and a cancelled
     * one) keeps its final status, and the money follows.
     */
    Mono<OrderSummary> reverseRefund(UUID orderId, String paymentReference, Money amount, String refundReference);

    /**
     * Marks the order with a dispute (chargeback) of its payment: {@code OPEN} while one is, then {@code WON} or
     * {@code LOST}. A lost dispute stays on the order whatever comes later: the money is gone.
     */
    Mono<Void> recordDispute(UUID orderId, DisputeState state);

    /** Where the order's dispute stands, as the order shows it. */
    enum DisputeState { OPEN, WON, LOST }

    /** An order as payments see it. */
    record OrderSummary(UUID id, String number, OrderStatus status, UUID customerId, String email, Money total,
            Money paid, Money refunded) {
    }

    /** What became of a payment applied to an order. */
    enum PaymentOutcome {
        /** The order is now paid. */
        PAID,
        /** The order was already paid by this or another payment; nothing changed. */
        ALREADY_PAID,
        /** The order had expired or been cancelled: the payment is flagged for refund. */
        LATE,
        /** The amount or currency is not the order's total: flagged for refund, not paid. */
        AMOUNT_MISMATCH
    }
}
