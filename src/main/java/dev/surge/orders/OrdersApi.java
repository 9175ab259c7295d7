package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What other modules (payments, invoicing, notifications, reviews) may ask of orders. */
public interface OrdersApi {

    /**
     * The ids of every order the customer account placed, oldest first: for the modules that export or erase what
     * they hold about the account's orders (the orders keep their customer after it is erased).
     */
    Flux<UUID> orderIdsOf(UUID customerId);

    /** The order's payment-relevant facts; {@code OrderNotFound} when there is none. */
    Mono<OrderSummary> find(UUID orderId);

    /**
     * The order with its lines (and their merchants' names), totals and addresses (for receipts, notices and
     * invoices); {@code OrderNotFound} when there is none. Callers decide who may see it.
     */
    Mono<OrderDetails> details(UUID orderId);

    /** {@link #details} of several orders in one read, in no particular order; an unknown id is left out. */
    Flux<OrderDetails> details(Collection<UUID> orderIds);

    /**
     * Whether a guest proves the order is theirs: the order was placed without an account, under this email
     * (any case), and {@code token} is the access token its confirmation carried. False for any mismatch.
     */
    Mono<Boolean> guestOwns(UUID orderId, String email, String token);

    /**
     * Whether the customer has an order with a line of the product that was delivered (for reviews: only those
     * who received a product may review it). False for anyone else.
     */
    Mono<Boolean> deliveredTo(UUID customerId, UUID productId);

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

    /**
     * Claims up to {@code limit} amounts that orders owe back for payments that did not pay them (late, second,
     * wrong amount), each for {@code lease}: no other caller (instance) gets one again before its lease ends
     * or its attempt is recorded with {@link #refundOwedAttempted}. For the payments' refund job.
     */
    Flux<RefundOwed> claimRefundsOwed(int limit, Duration lease);

    /** Records what came of one attempt to refund an amount owed back (see {@link #claimRefundsOwed}). */
    Mono<Void> refundOwedAttempted(UUID refundOwedId, RefundAttempt attempt);

    /**
     * Money an order owes back for one payment, claimed for a refund attempt.
     *
     * @param reason           {@code late_payment}, {@code second_payment} or {@code amount_mismatch}
     * @param paymentReference the payment's reference as given to {@link #markPaid}
     * @param attempts         tries so far, this one included
     */
    record RefundOwed(UUID id, UUID orderId, String reason, String paymentReference, Money amount, int attempts) {
    }

    /**
     * What came of an attempt: the refund was requested (or is not needed), it is to be tried again after
     * {@code retryIn}, it was handed back untried (not counted), or the tries ran out (left to staff).
     */
    record RefundAttempt(Result result, String note, Duration retryIn) {

        public enum Result { REQUESTED, RETRY, RELEASED, GAVE_UP }

        public static RefundAttempt requested(String note) {
            return new RefundAttempt(Result.REQUESTED, note, null);
        }

        public static RefundAttempt retry(String error, Duration retryIn) {
            return new RefundAttempt(Result.RETRY, error, retryIn);
        }

        public static RefundAttempt released(Duration retryIn) {
            return new RefundAttempt(Result.RELEASED, null, retryIn);
        }

        public static RefundAttempt gaveUp(String error) {
            return new RefundAttempt(Result.GAVE_UP, error, null);
        }
    }

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
