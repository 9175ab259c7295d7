package dev.surge.payments.domain;

import dev.surge.orders.OrdersApi;
import dev.surge.payments.data.DisputeQueries;
import dev.surge.payments.data.DisputeRow;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.payments.data.PaymentRow;
import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.platform.persistence.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Keeps a payment's disputes (chargebacks) as the provider reports them: stored once per provider dispute,
 * moved while open, never after it closed (a late or repeated event of a closed dispute changes nothing). Each
 * change marks the order ({@link OrdersApi#recordDispute}: open, won, lost) and flags the payment for finance
 * ({@value #DISPUTED_FLAG}, {@value #LOST_FLAG}). Callers hold the payment's lock, in a transaction.
 */
final class DisputeEvents {

    private static final Logger log = LoggerFactory.getLogger(DisputeEvents.class);
    static final String DISPUTED_FLAG = "disputed";
    static final String LOST_FLAG = "dispute_lost";

    private final DisputeQueries disputes;
    private final PaymentQueries payments;
    private final OrdersApi orders;

    DisputeEvents(DisputeQueries disputes, PaymentQueries payments, OrdersApi orders) {
        this.disputes = disputes;
        this.payments = payments;
        this.orders = orders;
    }

    /** @return the event's outcome: {@code dispute_opened}, {@code dispute_updated}, {@code dispute_won}, {@code dispute_lost} or {@code duplicate} */
    Mono<String> apply(PaymentRow payment, PaymentEvent event) {
        PaymentEvent.Dispute reported = event.dispute();
        if (reported == null || reported.reference() == null || reported.status() == null) {
            return Mono.just("ignored");
        }
        return disputes.lock(event.provider(), reported.reference())
                .flatMap(known -> !known.status().canMoveTo(reported.status()) ? Mono.just("duplicate")
                        : disputes.update(known.id(), reported.status(), reported.providerStatus(), reported.reason())
                                .then(mark(payment, reported))
                                .thenReturn(outcome(reported.status(), false)))
                .switchIfEmpty(Mono.defer(() -> disputes.insert(new DisputeRow(Ids.newId(), event.provider(),
                                reported.reference(), payment.id(), payment.orderId(), reported.status(),
                                reported.providerStatus(), reported.reason(), event.amount(), null, null, null))
                        .then(mark(payment, reported))
                        .thenReturn(outcome(reported.status(), true))));
    }

    private Mono<Void> mark(PaymentRow payment, PaymentEvent.Dispute dispute) {
        OrdersApi.DisputeState state = switch (dispute.status()) {
            case NEEDS_RESPONSE, UNDER_REVIEW -> OrdersApi.DisputeState.OPEN;
            case WON -> OrdersApi.DisputeState.WON;
            case LOST -> OrdersApi.DisputeState.LOST;
        };
        if (dispute.status() == DisputeStatus.LOST) {
            log.warn("Dispute {} of payment {} lost at {}", dispute.reference(), payment.id(), payment.provider());
        }
        String flag = dispute.status() == DisputeStatus.LOST ? LOST_FLAG
                : dispute.status() == DisputeStatus.WON ? null : DISPUTED_FLAG;
        return orders.recordDispute(payment.orderId(), state)
                .then(flag == null ? Mono.<Void>empty()
                        : payments.update(payment.id(), payment.status(), flag, null, payment.refunded().amountMinor(), null));
    }

    private static String outcome(DisputeStatus status, boolean opened) {
        return switch (status) {
            case WON -> "dispute_won";
            case LOST -> "dispute_lost";
            default -> opened ? "dispute_opened" : "dispute_updated";
        };
    }
}
