package dev.surge.orders.domain;

import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.orders.data.OrderQueries;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.events.Outbox;
import dev.surge.promotions.PromotionsApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The one way an order changes status, and the stock that follows. Every move is checked against the state
 * machine ({@link OrderStatus}), made by a conditional update on the version it was checked against, and
 * written with its history entry and its event in one transaction; stock effects follow the commit.
 */
@Component
class OrderMoves {

    private static final Logger log = LoggerFactory.getLogger(OrderMoves.class);

    private final OrderQueries orders;
    private final InventoryApi inventory;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionalOperator tx;
    private final PromotionsApi promotions;

    OrderMoves(OrderQueries orders, InventoryApi inventory, Outbox outbox, AuditTrail audit, TransactionalOperator tx,
            PromotionsApi promotions) {
        this.orders = orders;
        this.inventory = inventory;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
        this.promotions = promotions;
    }

    Mono<Order> move(UUID orderId, OrderStatus to, Actor actor, String reason,
            BiFunction<Order, Map<String, Object>, Mono<Void>> prepare) {
        return move(orderId, to, actor, reason, prepare, moved -> Mono.empty());
    }

    /**
     * Reads the order, checks the state machine, lets {@code prepare} add columns (or refuse), updates on the
     * version read, records history and event, runs {@code alsoInTransaction}.
     */
    Mono<Order> move(UUID orderId, OrderStatus to, Actor actor, String reason,
            BiFunction<Order, Map<String, Object>, Mono<Void>> prepare,
            Function<Order, Mono<Void>> alsoInTransaction) {
        return move(new Step(orderId, to, actor, reason, false), prepare, alsoInTransaction);
    }

    /**
     * Takes a refunded order back to {@code to} because a refund of it failed after it had succeeded (see
     * {@link OrderStatus#canRevertRefundTo}); otherwise as {@link #move}.
     */
    Mono<Order> revertRefund(UUID orderId, OrderStatus to, Actor actor, String reason,
            BiFunction<Order, Map<String, Object>, Mono<Void>> prepare) {
        return move(new Step(orderId, to, actor, reason, true), prepare, moved -> Mono.empty());
    }

    private record Step(UUID orderId, OrderStatus to, Actor actor, String reason, boolean revertingRefund) {

        boolean allowedFrom(OrderStatus from) {
            return revertingRefund ? from.canRevertRefundTo(to) : from.canTransitionTo(to);
        }
    }

    private Mono<Order> move(Step step, BiFunction<Order, Map<String, Object>, Mono<Void>> prepare,
            Function<Order, Mono<Void>> alsoInTransaction) {
        return orders.find(step.orderId()).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(current -> moveFrom(current, step, prepare, alsoInTransaction))
                .as(tx::transactional);
    }

    /**
     * As {@link #move(UUID, OrderStatus, Actor, String, BiFunction, Function)}, from the order as the caller just
     * read it (in its transaction): the update still applies only if the order is at that version.
     */
    Mono<Order> moveFrom(Order current, OrderStatus to, Actor actor, String reason,
            BiFunction<Order, Map<String, Object>, Mono<Void>> prepare, Function<Order, Mono<Void>> alsoInTransaction) {
        return Mono.defer(() -> moveFrom(current, new Step(current.id(), to, actor, reason, false), prepare,
                alsoInTransaction)).as(tx::transactional);
    }

    private Mono<Order> moveFrom(Order current, Step step, BiFunction<Order, Map<String, Object>, Mono<Void>> prepare,
            Function<Order, Mono<Void>> alsoInTransaction) {
        UUID orderId = step.orderId();
        OrderStatus to = step.to();
        Actor actor = step.actor();
        String reason = step.reason();
        if (!step.allowedFrom(current.status())) {
            return Mono.error(new OrderErrors.IllegalTransition(current.status(), to));
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        return prepare.apply(current, columns)
                .then(Mono.defer(() -> orders.move(orderId, current.status(), current.version(), to, columns)))
                .switchIfEmpty(Mono.error(OrderErrors.OrderChanged::new))
                .flatMap(moved -> {
                    Instant at = moved.updatedAt();
                    return orders.history(orderId, new StatusChange(current.status(), to, actor.id(),
                                    actor.role(), reason, at))
                            .then(outbox.append(new OrderStatusChanged(orderId, moved.number(),
                                    current.status(), to, actor.id(), actor.role(), reason, moved.version(), at)))
                            .then(audited(orderId, current.status(), step))
                            .then(givenBack(orderId, to))
                            .then(alsoInTransaction.apply(moved))
                            .thenReturn(moved);
                });
    }

    /**
     * A move a person made (staff, or a customer cancelling) is also in the audit log, in the same transaction:
     * {@code order.status_changed} by them, the order as subject. Moves the system makes (payment, expiry) are
     * in the order's history only.
     */
    private Mono<Void> audited(UUID orderId, OrderStatus from, Step step) {
        if (step.actor().id() == null) {
            return Mono.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", from.name());
        details.put("to", step.to().name());
        details.put("role", step.actor().role());
        if (step.reason() != null) {
            details.put("reason", step.reason());
        }
        return audit.record("order.status_changed", step.actor().id(), orderId, AuditTrail.Origin.of(null, null), details);
    }

    /**
     * A cancelled or expired order gives back the promotions it redeemed, in the move's transaction: the move happens
     * once (its conditional update), and promotions' own guard makes a repeat change nothing.
     */
    private Mono<Void> givenBack(UUID orderId, OrderStatus to) {
        return to == OrderStatus.CANCELLED || to == OrderStatus.EXPIRED ? promotions.release(orderId) : Mono.empty();
    }

    /** Sets {@code closed_at}: the {@code prepare} of every move that ends an order. */
    static Mono<Void> closing(Order current, Map<String, Object> columns) {
        columns.put("closed_at", Instant.now());
        return Mono.empty();
    }

    /** Gives back the stock an unpaid order held; inventory's status guard makes a repeat change nothing. */
    Mono<Order> releaseHolds(Order order) {
        return orders.reservations(order.id())
                .concatMap(reservation -> inventory.release(reservation).onErrorResume(e -> {
                    log.warn("Could not release reservation {} of order {}; it expires by itself: {}", reservation,
                            order.number(), e.toString());
                    return Mono.empty();
                }))
                .then(Mono.just(order));
    }

    /** Puts a cancelled paid order's sold units back on hand, once (the expiry job retries failures). */
    Mono<Order> restock(Order order) {
        return orders.withDetails(order)
                .flatMap(detailed -> {
                    Map<UUID, Integer> units = new LinkedHashMap<>();
                    detailed.lines().forEach(line -> units.merge(line.variantId(), line.quantity(), Integer::sum));
                    List<Reservation.Line> lines = new ArrayList<>();
                    units.forEach((variant, quantity) -> lines.add(new Reservation.Line(variant, quantity)));
                    return inventory.restock("order:" + order.id(), lines);
                })
                .then(orders.stockReturned(order.id()))
                .thenReturn(order)
                .onErrorResume(e -> {
                    log.warn("Could not return the stock of cancelled order {}; retried later: {}", order.number(),
                            e.toString());
                    return Mono.just(order);
                });
    }
}
