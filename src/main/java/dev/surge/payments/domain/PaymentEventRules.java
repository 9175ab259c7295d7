package dev.surge.payments.domain;

import dev.surge.orders.OrdersApi;
import dev.surge.payments.PaymentFailed;
import dev.surge.payments.data.DisputeQueries;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.payments.data.PaymentRow;
import dev.surge.payments.data.RefundRow;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What each kind of provider event does to its payment and order, once {@link PaymentEventProcessor} has
 * stored, confirmed and locked it: a success pays the order with the amount the provider reports; a payment
 * failure after a success is stale; refunds move by {@link RefundState} ({@link RefundEvents}); disputes by
 * {@link dev.surge.payments.gateway.DisputeStatus} ({@link DisputeEvents}).
 */
@Component
class PaymentEventRules {

    static final Set<String> PAID_STATUSES = Set.of("SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED");
    /** Tries before a refund event that matches none of our refunds is taken as a refund made at the provider. */
    private static final int ADOPT_EXTERNAL_REFUND_AFTER = 5;

    private final PaymentQueries payments;
    private final OrdersApi orders;
    private final RefundEvents refunds;
    private final DisputeEvents disputes;
    private final Outbox outbox;

    PaymentEventRules(PaymentQueries payments, DisputeQueries disputes, OrdersApi orders, Outbox outbox) {
        this.payments = payments;
        this.outbox = outbox;
        this.orders = orders;
        this.refunds = new RefundEvents(payments, orders);
        this.disputes = new DisputeEvents(disputes, payments, orders);
    }

    /** Applies a confirmed event to its payment, whose lock the caller holds in a transaction; answers the outcome. */
    Mono<String> apply(PaymentRow payment, PaymentEvent event, int attempts) {
        return switch (event.type()) {
            case PAYMENT_SUCCEEDED -> succeeded(payment, event);
            case PAYMENT_FAILED -> failed(payment);
            case REFUND_SUCCEEDED -> refunded(payment, event, attempts);
            case REFUND_FAILED -> refundFailed(payment, event);
            case DISPUTE -> disputes.apply(payment, event);
            case OTHER -> Mono.just("ignored");
        };
    }

    private Mono<String> succeeded(PaymentRow payment, PaymentEvent event) {
        if (PAID_STATUSES.contains(payment.status()) || "FLAGGED".equals(payment.status())) {
            return Mono.just("duplicate");
        }
        Money amount = event.amount();
        if (amount == null) {
            return payments.update(payment.id(), "FLAGGED", "amount_unknown", null, payment.refunded().amountMinor(), null)
                    .thenReturn("amount_unknown");
        }
        // What the provider took is written with the payment's new status, in one statement after the order moved.
        long refunded = payment.refunded().amountMinor();
        return orders.markPaid(payment.orderId(), amount, payment.id().toString())
                .flatMap(outcome -> switch (outcome) {
                    case PAID, ALREADY_PAID -> payments.update(payment.id(), "SUCCEEDED", null, outcome.name(), refunded, amount)
                            .thenReturn("applied");
                    case AMOUNT_MISMATCH -> payments.update(payment.id(), "FLAGGED", "amount_mismatch", outcome.name(), refunded, amount)
                            .thenReturn("amount_mismatch");
                    case LATE -> payments.update(payment.id(), "SUCCEEDED", "late_payment", outcome.name(), refunded, amount)
                            .thenReturn("late");
                });
    }

    private Mono<String> failed(PaymentRow payment) {
        return switch (payment.status()) {
            case "INITIALIZED" -> payments.update(payment.id(), "FAILED", null, null, payment.refunded().amountMinor(), null)
                    .then(outbox.append(new PaymentFailed(payment.id(), payment.orderId(), payment.provider(), Instant.now())))
                    .thenReturn("applied");
            case "FAILED" -> Mono.just("duplicate");
            default -> Mono.just("stale_ignored"); // a failure after the success: out of order, recorded, ignored
        };
    }

    private Mono<String> refunded(PaymentRow payment, PaymentEvent event, int attempts) {
        if (event.refundReference() == null || event.amount() == null) {
            return Mono.just("ignored");
        }
        return payments.refundByReference(event.provider(), event.refundReference())
                .flatMap(refund -> refunds.apply(payment, refund, ProviderRefund.Status.SUCCEEDED, event.refundReference()))
                .switchIfEmpty(Mono.defer(() -> {
                    if (attempts < ADOPT_EXTERNAL_REFUND_AFTER) {
                        // Our own refund call may not have stored the provider's reference yet: wait for it.
                        return Mono.error(new IllegalStateException("refund_unknown: " + event.refundReference()));
                    }
                    // Ours whose answer was lost (a timeout after the provider refunded), else one made at the provider.
                    UUID externalId = Ids.newId();
                    RefundRow external = new RefundRow(externalId, payment.id(), payment.provider(),
                            event.refundReference(), "PENDING", event.amount(), null, null, 1,
                            RefundRow.providerKey(externalId, 1), null, null, null);
                    return payments.pendingWithoutReference(payment.id(), event.amount().amountMinor())
                            .flatMap(ours -> refunds.record(payment, ours, event.refundReference()).thenReturn("applied"))
                            .switchIfEmpty(Mono.defer(() -> payments.insertRefund(external)
                                    .flatMap(inserted -> refunds.record(payment, inserted, event.refundReference()))
                                    .thenReturn("applied_external")));
                }));
    }

    private Mono<String> refundFailed(PaymentRow payment, PaymentEvent event) {
        if (event.refundReference() == null) {
            return Mono.just("ignored");
        }
        // Not ours (or an earlier attempt of a refund tried again, which failed as we knew): nothing to change.
        return payments.refundByReference(event.provider(), event.refundReference())
                .flatMap(refund -> refunds.apply(payment, refund, ProviderRefund.Status.FAILED, event.refundReference()))
                .defaultIfEmpty("ignored");
    }

    RefundEvents refunds() {
        return refunds;
    }
}
