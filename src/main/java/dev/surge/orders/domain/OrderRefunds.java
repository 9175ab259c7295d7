package dev.surge.orders.domain;

import dev.surge.orders.OrderRefunded;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrdersApi.OrderSummary;
import dev.surge.orders.data.OrderQueries;
import dev.surge.orders.data.RefundQueries;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Money given back, recorded once per refund reference: against the order's own payment it moves the order to
 * refunded or partially refunded (a full refund before shipping puts the units back on hand); against another
 * payment it settles what the order owed back for it. See {@link dev.surge.orders.OrdersApi#recordRefund}.
 */
@Service
public class OrderRefunds {

    private static final Logger log = LoggerFactory.getLogger(OrderRefunds.class);
    private static final Actor PAYMENT = new Actor(null, "PAYMENT");

    private final OrderQueries orders;
    private final RefundQueries refunds;
    private final OrderMoves moves;
    private final Outbox outbox;
    private final TransactionalOperator tx;

    OrderRefunds(OrderQueries orders, RefundQueries refunds, OrderMoves moves, Outbox outbox, TransactionalOperator tx) {
        this.orders = orders;
        this.refunds = refunds;
        this.moves = moves;
        this.outbox = outbox;
        this.tx = tx;
    }

    /** A refund: of the order's own payment when {@code paymentReference} is null or that payment's. */
    Mono<OrderSummary> recordRefund(UUID orderId, String paymentReference, Money amount, String refundReference) {
        if (amount.amountMinor() <= 0) {
            return Mono.error(new OrderErrors.RefundNotPossible(OrderErrors.RefundNotPossible.NOT_POSITIVE));
        }
        Mono<Boolean> stockBack = orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> refunds.firstRefund(orderId, refundReference, amount.amountMinor())
                        .flatMap(first -> !first ? Mono.just(false) // this refund was recorded before
                                : applyRefund(order, paymentReference, amount, refundReference)
                                        // The order moved meanwhile (refused before any write): apply to what it is now.
                                        .onErrorResume(OrderErrors.OrderChanged.class, e -> orders.find(orderId)
                                                .flatMap(now -> applyRefund(now, paymentReference, amount,
                                                        refundReference)))))
                .as(tx::transactional);
        return stockBack
                .flatMap(back -> back ? orders.find(orderId).flatMap(moves::restock).then() : Mono.<Void>empty())
                .then(orders.find(orderId))
                .map(Order::summary);
    }

    /** Applies a first-time refund; true when the order's sold units must now go back on hand. */
    private Mono<Boolean> applyRefund(Order order, String paymentReference, Money amount, String refundReference) {
        boolean ofOrderPayment = order.paidAt() != null
                && (paymentReference == null || paymentReference.equals(order.paymentReference()));
        if (!ofOrderPayment) {
            return settleOtherPayment(order, paymentReference, amount, refundReference);
        }
        if (!order.paid().currency().equals(amount.currency())) {
            return Mono.error(new OrderErrors.RefundNotPossible(OrderErrors.RefundNotPossible.OTHER_CURRENCY));
        }
        long refunded = order.refunded().amountMinor() + amount.amountMinor();
        if (refunded > order.paid().amountMinor()) {
            return Mono.error(new OrderErrors.OverRefund());
        }
        boolean full = refunded == order.paid().amountMinor();
        Mono<Void> told = outbox.append(new OrderRefunded(order.id(), order.number(), amount,
                new Money(refunded, amount.currency()), full, refundReference, Instant.now()));
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REFUNDED) {
            // A paid order cancelled, or refunded and restocked before a refund of it failed: its status is final,
            // the money follows.
            return refunds.addRefunded(order.id(), amount.amountMinor())
                    .then(refunds.settleDue(order.id(), order.paymentReference(), amount.amountMinor()))
                    .then(told)
                    .thenReturn(false);
        }
        OrderStatus to = full ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        boolean notShipped = order.shippedAt() == null;
        return moves.move(order.id(), to, PAYMENT, "refund " + refundReference, (current, columns) -> {
            if (current.version() != order.version()) {
                return Mono.error(new OrderErrors.OrderChanged());
            }
            columns.put("refunded_minor", refunded);
            if (full) {
                columns.put("closed_at", Instant.now());
                if (notShipped) {
                    columns.put("stock_to_return", true);
                }
            }
            return Mono.empty();
        })
                // Owed again after a refund that failed (refund_failed): now settled by this one.
                .flatMap(moved -> refunds.settleDue(order.id(), order.paymentReference(), amount.amountMinor()))
                .then(told)
                .thenReturn(full && notShipped);
    }

    /** See {@link dev.surge.orders.OrdersApi#reverseRefund}. */
    Mono<OrderSummary> reverseRefund(UUID orderId, String paymentReference, Money amount, String refundReference) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> refunds.reverse(orderId, refundReference)
                        .flatMap(first -> !first ? Mono.<Void>empty() // never recorded, or taken back before
                                : undoRefund(order, paymentReference, amount, refundReference)
                                        .onErrorResume(OrderErrors.OrderChanged.class, e -> orders.find(orderId)
                                                .flatMap(now -> undoRefund(now, paymentReference, amount,
                                                        refundReference)))))
                .as(tx::transactional)
                .then(orders.find(orderId))
                .map(Order::summary);
    }

    private Mono<Void> undoRefund(Order order, String paymentReference, Money amount, String refundReference) {
        boolean ofOrderPayment = order.paidAt() != null
                && (paymentReference == null || paymentReference.equals(order.paymentReference()));
        if (!ofOrderPayment) {
            // What the order owed back for another payment is owed again.
            return refunds.unsettleDue(order.id(), paymentReference, amount.amountMinor()).then();
        }
        long refunded = Math.max(0, order.refunded().amountMinor() - amount.amountMinor());
        log.warn("Refund {} of order {} failed at the provider after it succeeded: {} owed again", refundReference,
                order.number(), amount);
        if (order.status() == OrderStatus.CANCELLED) {
            return refunds.setRefunded(order.id(), refunded)
                    .then(refunds.unsettleDue(order.id(), order.paymentReference(), amount.amountMinor())).then();
        }
        Mono<Void> owed = refunds.owedAgain(order.id(), order.paymentReference(), amount);
        if (order.status() == OrderStatus.REFUNDED && order.shippedAt() == null) {
            // Its units went back on hand with the refund: it is not sold again, the money follows.
            return refunds.setRefunded(order.id(), refunded).then(owed);
        }
        if (order.status() != OrderStatus.REFUNDED && order.status() != OrderStatus.PARTIALLY_REFUNDED) {
            return owed; // the refund never moved it
        }
        return (refunded > 0 ? Mono.just(OrderStatus.PARTIALLY_REFUNDED)
                        : refunds.statusBeforeRefunds(order.id()).map(OrderStatus::valueOf).defaultIfEmpty(OrderStatus.PAID))
                .flatMap(to -> moves.revertRefund(order.id(), to, PAYMENT, "refund failed " + refundReference,
                        (current, columns) -> {
                            if (current.version() != order.version()) {
                                return Mono.error(new OrderErrors.OrderChanged());
                            }
                            columns.put("refunded_minor", refunded);
                            columns.put("closed_at", null);
                            return Mono.empty();
                        }))
                .then(owed);
    }

    /** Money that should not have been taken (late, second, wrong amount): settles what is owed for it. */
    private Mono<Boolean> settleOtherPayment(Order order, String paymentReference, Money amount,
            String refundReference) {
        if (paymentReference == null) {
            return Mono.error(new OrderErrors.RefundNotPossible(OrderErrors.RefundNotPossible.UNPAID));
        }
        // The provider has already given the money back: record it even if nothing (more) was owed.
        return refunds.settleDue(order.id(), paymentReference, amount.amountMinor())
                .doOnNext(settled -> {
                    if (!settled) {
                        log.warn("Refund {} of payment {} on order {} matches nothing owed back", refundReference,
                                paymentReference, order.number());
                    }
                })
                .thenReturn(false);
    }
}
