package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrdersApi.OrderSummary;
import dev.surge.orders.data.OrderQueries;
import dev.surge.orders.data.RefundQueries;
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
    private final TransactionalOperator tx;

    OrderRefunds(OrderQueries orders, RefundQueries refunds, OrderMoves moves, TransactionalOperator tx) {
        this.orders = orders;
        this.refunds = refunds;
        this.moves = moves;
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
        if (order.status() == OrderStatus.CANCELLED) {
            // A paid order cancelled: its status is final, the money follows.
            return refunds.addRefunded(order.id(), amount.amountMinor())
                    .then(refunds.settleDue(order.id(), order.paymentReference(), amount.amountMinor()))
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
        }).map(moved -> full && notShipped);
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
