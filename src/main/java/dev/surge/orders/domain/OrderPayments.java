package dev.surge.orders.domain;

import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrdersApi.PaymentOutcome;
import dev.surge.orders.data.OrderQueries;
import dev.surge.orders.data.RefundQueries;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Payments applied to orders, at most once: a matching payment while the order is pending and its holds live
 * makes it paid and sells the holds; anything else (late, second, wrong amount) is flagged as money due back.
 */
@Service
public class OrderPayments {

    private static final Actor PAYMENT = new Actor(null, "PAYMENT");

    private final OrderQueries orders;
    private final RefundQueries refunds;
    private final InventoryApi inventory;
    private final Outbox outbox;
    private final OrderMoves moves;
    private final OrderReads reads;

    OrderPayments(OrderQueries orders, RefundQueries refunds, InventoryApi inventory, Outbox outbox, OrderMoves moves,
            OrderReads reads) {
        this.orders = orders;
        this.refunds = refunds;
        this.inventory = inventory;
        this.outbox = outbox;
        this.moves = moves;
        this.reads = reads;
    }

    /** A payment from a gateway; see {@link dev.surge.orders.OrdersApi#markPaid}. */
    Mono<PaymentOutcome> markPaid(UUID orderId, Money amount, String paymentReference) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> pay(order, new Payment(amount, paymentReference, PAYMENT, null)));
    }

    /** An administrator records a payment made outside the gateways (bank transfer) for the order's total. */
    public Mono<Order> markPaidManually(UUID orderId, Actor actor, String reason) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> {
                    if (!order.status().canTransitionTo(OrderStatus.PAID)) {
                        return Mono.error(new OrderErrors.IllegalTransition(order.status(), OrderStatus.PAID));
                    }
                    return pay(order, new Payment(order.total(), "manual:" + actor.id(), actor, reason));
                })
                .flatMap(outcome -> reads.anyOrder(orderId).flatMap(order -> order.status() == OrderStatus.PAID
                        ? Mono.just(order)
                        : Mono.error(new OrderErrors.IllegalTransition(order.status(), OrderStatus.PAID))));
    }

    /** Money received for an order, who records it and why (for the history). */
    private record Payment(Money amount, String reference, Actor actor, String reason) {
    }

    private Mono<PaymentOutcome> pay(Order order, Payment payment) {
        Money amount = payment.amount();
        String reference = payment.reference();
        if (order.paidAt() != null) {
            if (!reference.equals(order.paymentReference())) {
                return refunds.refundDue(order.id(), "second_payment", reference, amount).thenReturn(PaymentOutcome.LATE);
            }
            return Mono.just(PaymentOutcome.ALREADY_PAID);
        }
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return refunds.refundDue(order.id(), "late_payment", reference, amount).thenReturn(PaymentOutcome.LATE);
        }
        if (!amount.equals(order.total())) {
            return refunds.refundDue(order.id(), "amount_mismatch", reference, amount)
                    .thenReturn(PaymentOutcome.AMOUNT_MISMATCH);
        }
        Instant now = Instant.now();
        // A hold that lapsed (or was released) cannot be sold: decide that before anything is written, because
        // inside a caller's transaction (payments) a failure after the move could not be undone by catching it.
        return orders.reservations(order.id()).collectList()
                .flatMap(held -> Flux.fromIterable(held).concatMap(inventory::find)
                        .all(hold -> hold.status() == Reservation.Status.ACTIVE && hold.expiresAt().isAfter(now))
                        .flatMap(active -> active ? paid(order, payment, now, held) : lateForStock(order, payment)))
                // Someone else moved the order first (another delivery of this payment, expiry, a cancel): it
                // was refused before any write, so decide again on what the order is now.
                .onErrorResume(OrderPayments::lostRace, e -> orders.find(order.id())
                        .flatMap(current -> pay(current, payment)));
    }

    /** Moves the order as read (only if still at that version) and sells its holds {@code held}. */
    private Mono<PaymentOutcome> paid(Order order, Payment payment, Instant now, List<UUID> held) {
        return moves.moveFrom(order, OrderStatus.PAID, payment.actor(), payment.reason(), (current, columns) -> {
            columns.put("paid_at", now);
            columns.put("paid_minor", payment.amount().amountMinor());
            columns.put("payment_reference", payment.reference());
            return Mono.empty();
        }, moved -> inventory.confirmAll(held)
                .then(outbox.append(new OrderPaid(moved.id(), moved.number(), moved.customerId(), moved.email(),
                        payment.amount(), payment.reference()))))
                .thenReturn(PaymentOutcome.PAID);
    }

    /** The payment came, but a hold had already lapsed in inventory: the order expires and is due a refund. */
    private Mono<PaymentOutcome> lateForStock(Order order, Payment payment) {
        return moves.move(order.id(), OrderStatus.EXPIRED, Actor.SYSTEM, "a stock hold lapsed before payment",
                        OrderMoves::closing,
                        moved -> refunds.refundDue(moved.id(), "late_payment", payment.reference(), payment.amount()))
                .flatMap(moves::releaseHolds)
                .thenReturn(PaymentOutcome.LATE);
    }

    private static boolean lostRace(Throwable e) {
        return e instanceof OrderErrors.OrderChanged || e instanceof OrderErrors.IllegalTransition;
    }

    /** See {@link dev.surge.orders.OrdersApi#recordDispute}. */
    Mono<Void> recordDispute(UUID orderId, dev.surge.orders.OrdersApi.DisputeState state) {
        return orders.markDisputed(orderId, state.name());
    }
}
