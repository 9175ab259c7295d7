package dev.surge.payments.domain;

import dev.surge.orders.OrdersApi;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.payments.data.PaymentRow;
import dev.surge.payments.data.RefundRow;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.persistence.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Moves one of our refunds to what its provider reports, by {@link RefundState}, with the effects on the
 * payment and the order: a success is counted and told to the order once; a failure after a success undoes
 * both (the money is owed again, the payment is flagged {@value #REFUND_FAILED_FLAG} for finance). Callers hold
 * the payment's lock, in a transaction, and pass only what the provider's API confirmed.
 */
final class RefundEvents {

    private static final Logger log = LoggerFactory.getLogger(RefundEvents.class);
    /** The payment's flag once a refund of it failed after it had succeeded. */
    static final String REFUND_FAILED_FLAG = "refund_failed";

    private final PaymentQueries payments;
    private final OrdersApi orders;

    RefundEvents(PaymentQueries payments, OrdersApi orders) {
        this.payments = payments;
        this.orders = orders;
    }

    /**
     * Applies the provider's report of the refund (known by {@code reference}).
     *
     * @return the event's outcome: {@code applied}, {@code reversed} or {@code duplicate}
     */
    Mono<String> apply(PaymentRow payment, RefundRow refund, ProviderRefund.Status reported, String reference) {
        return switch (RefundState.of(refund.status()).on(reported)) {
            case RECORD -> record(payment, refund, reference).thenReturn("applied");
            case FAIL -> payments.refundUpdate(refund.id(), reference, "FAILED", false).thenReturn("applied");
            case REVERSE -> reverse(payment, refund, reference).thenReturn("reversed");
            case NONE -> (refund.refundReference() == null && reference != null
                    ? payments.refundUpdate(refund.id(), reference, refund.status(), false) : Mono.<Void>empty())
                    .thenReturn("duplicate");
        };
    }

    /** Counts a refund the provider confirmed and tells the order, once per reference. */
    Mono<Void> record(PaymentRow payment, RefundRow refund, String reference) {
        Money base = payment.refundable();
        long refunded = Math.min(base.amountMinor(), payment.refunded().amountMinor() + refund.amount().amountMinor());
        String status = "FLAGGED".equals(payment.status()) ? "FLAGGED"
                : refunded >= base.amountMinor() ? "REFUNDED" : "PARTIALLY_REFUNDED";
        // The order settles it once per reference: its own payment (partially) refunded, or money it owed back
        // for this payment (late, second, wrong amount) settled.
        Mono<Void> tellOrder = orders.recordRefund(payment.orderId(), payment.id().toString(), refund.amount(), reference)
                .onErrorResume(ConflictException.class, e -> {
                    log.warn("Refund {} of payment {} not reflected on its order: {}", reference, payment.id(),
                            e.getMessage());
                    return Mono.empty();
                })
                .then();
        return tellOrder
                .then(payments.refundUpdate(refund.id(), reference, "SUCCEEDED", true))
                .then(payments.update(payment.id(), status, null, null, refunded, null));
    }

    /**
     * Undoes a recorded refund the provider then failed: the payment counts it no more and is flagged, the
     * order takes it back (and owes the money again).
     */
    private Mono<Void> reverse(PaymentRow payment, RefundRow refund, String reference) {
        long refunded = Math.max(0, payment.refunded().amountMinor() - refund.amount().amountMinor());
        String status = "FLAGGED".equals(payment.status()) ? "FLAGGED"
                : refunded == 0 ? "SUCCEEDED" : "PARTIALLY_REFUNDED";
        log.warn("Refund {} of payment {} failed at {} after it had succeeded: reversed, owed again", reference,
                payment.id(), payment.provider());
        return orders.reverseRefund(payment.orderId(), payment.id().toString(), refund.amount(), reference)
                .then(payments.reverseRefund(refund.id()))
                .then(payments.update(payment.id(), status, REFUND_FAILED_FLAG, null, refunded, null));
    }
}
