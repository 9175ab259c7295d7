package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.data.OrderQueries;
import dev.surge.orders.data.RefundQueries;
import dev.surge.platform.reactive.RunToEnd;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The moves people make: customers cancel, fulfilment staff ship and deliver, administrators set a status. */
@Service
public class OrderTransitions {

    private final OrderQueries orders;
    private final RefundQueries refunds;
    private final OrderMoves moves;
    private final OrderReads reads;
    private final OrderPayments payments;

    OrderTransitions(OrderQueries orders, RefundQueries refunds, OrderMoves moves, OrderReads reads,
            OrderPayments payments) {
        this.orders = orders;
        this.refunds = refunds;
        this.moves = moves;
        this.reads = reads;
        this.payments = payments;
    }

    /** The customer cancels their own order before fulfilment. */
    public Mono<Order> cancelByCustomer(UUID customerId, UUID orderId, String reason) {
        return orders.find(orderId)
                .filter(order -> customerId.equals(order.customerId()))
                .switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> cancel(order.id(), new Actor(customerId, "CUSTOMER"), reason));
    }

    /**
     * Cancels an order that is pending payment (its holds are released) or paid and not yet in fulfilment
     * (its sold units go back on hand, and the payment is flagged as due back).
     */
    public Mono<Order> cancel(UUID orderId, Actor actor, String reason) {
        Mono<Order> work = moves.move(orderId, OrderStatus.CANCELLED, actor, reason, (current, columns) -> {
            columns.put("closed_at", Instant.now());
            if (current.status() == OrderStatus.PAID) {
                columns.put("stock_to_return", true);
            }
            return Mono.empty();
        }, moved -> moved.paidAt() == null ? Mono.empty()
                : refunds.refundDue(moved.id(), "cancelled_after_payment", moved.paymentReference(), moved.paid()))
                .flatMap(order -> order.paidAt() == null ? moves.releaseHolds(order) : moves.restock(order));
        // Runs to its end even if the caller goes away: a cancelled order's stock must not wait for its expiry.
        return RunToEnd.of(work).flatMap(order -> reads.anyOrder(order.id()));
    }

    public Mono<Order> startFulfilment(UUID orderId, Actor actor) {
        return moves.move(orderId, OrderStatus.FULFILLING, actor, null, (current, columns) -> Mono.empty())
                .flatMap(orders::withDetails);
    }

    /** Ships the order; {@code validation_failed} before anything is read when carrier or tracking is missing. */
    public Mono<Order> ship(UUID orderId, Actor actor, Shipment shipment) {
        return Mono.fromCallable(shipment::validated)
                .flatMap(valid -> moves.move(orderId, OrderStatus.SHIPPED, actor, null, (current, columns) -> {
                    columns.put("carrier", valid.carrier());
                    columns.put("tracking_number", valid.trackingNumber());
                    columns.put("shipped_at", Instant.now());
                    return Mono.empty();
                }))
                .flatMap(orders::withDetails);
    }

    public Mono<Order> deliver(UUID orderId, Actor actor) {
        return moves.move(orderId, OrderStatus.DELIVERED, actor, null, (current, columns) -> {
            columns.put("delivered_at", Instant.now());
            return Mono.empty();
        }).flatMap(orders::withDetails);
    }

    /**
     * An administrator moves an order within the state machine ({@code shipment} is for SHIPPED). Refunds are
     * not a status to set: they follow money actually returned through payments. Expiry is the system's.
     */
    public Mono<Order> setStatus(UUID orderId, Actor actor, OrderStatus target, String reason, Shipment shipment) {
        return switch (target) {
            case PAID -> payments.markPaidManually(orderId, actor, reason);
            case CANCELLED -> cancel(orderId, actor, reason);
            case FULFILLING -> startFulfilment(orderId, actor);
            case SHIPPED -> ship(orderId, actor, shipment);
            case DELIVERED -> deliver(orderId, actor);
            case REFUNDED, PARTIALLY_REFUNDED -> Mono.error(new OrderErrors.UsePayments());
            default -> reads.anyOrder(orderId).flatMap(order -> Mono.error(
                    new OrderErrors.IllegalTransition(order.status(), target)));
        };
    }
}
