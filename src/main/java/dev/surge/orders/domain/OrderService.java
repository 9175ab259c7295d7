package dev.surge.orders.domain;

import dev.surge.platform.reactive.RunToEnd;
import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.orders.OrdersApi;
import dev.surge.orders.data.OrderQueries;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads orders for whoever may see them and moves them through {@link OrderStatus}. Every move is checked
 * against the state machine, made by a conditional update on the version it was checked against, and
 * written with its history entry and its event in one transaction; stock effects follow the commit.
 */
@Service
public class OrderService implements OrdersApi {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderQueries orders;
    private final InventoryApi inventory;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Cursors cursors;

    OrderService(OrderQueries orders, InventoryApi inventory, Outbox outbox, TransactionalOperator tx, Cursors cursors) {
        this.orders = orders;
        this.inventory = inventory;
        this.outbox = outbox;
        this.tx = tx;
        this.cursors = cursors;
    }

    // ---- reading

    /** The customer's own order with lines and history; another customer's answers not found. */
    public Mono<Order> customerOrder(UUID customerId, UUID orderId) {
        return orders.find(orderId)
                .filter(order -> customerId.equals(order.customerId()))
                .switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(orders::withDetails);
    }

    /** A guest's order by its number, email and the token of its confirmation; any mismatch: not found. */
    public Mono<Order> guestOrder(String number, String email, String token) {
        return orders.findGuestOrder(number, email, OrderCodes.hash(token))
                .switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(orders::withDetails);
    }

    /** Any order, for staff. */
    public Mono<Order> anyOrder(UUID orderId) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new)).flatMap(orders::withDetails);
    }

    /** A page of orders matching the filter, newest first (without lines: the list is a summary). */
    public Mono<Page<Order>> list(OrderQueries.Filter filter, int limit, String cursor) {
        String scope = "orders:" + filter;
        UUID after = cursor == null ? null : afterId(cursors.decode(cursor, scope));
        return orders.page(filter, after, limit + 1).collectList()
                .map(rows -> rows.size() <= limit ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, limit),
                                cursors.encode(scope, List.of(rows.get(limit - 1).id().toString()))));
    }

    /** A page of the merchant's order lines, newest orders first. */
    public Mono<Page<OrderQueries.MerchantLine>> merchantLines(UUID merchantId, List<OrderStatus> statuses, int limit,
            String cursor) {
        String scope = "merchant-lines:" + merchantId + ":" + statuses;
        UUID afterOrder = null;
        int afterLine = 0;
        if (cursor != null) {
            List<String> keys = cursors.decode(cursor, scope);
            afterOrder = keys.size() == 2 ? Ids.parseOrNull(keys.get(0)) : null;
            try {
                afterLine = keys.size() == 2 ? Integer.parseInt(keys.get(1)) : 0;
            } catch (NumberFormatException e) {
                afterOrder = null;
            }
            if (afterOrder == null) {
                throw invalidCursor();
            }
        }
        return orders.merchantLines(merchantId, statuses, afterOrder, afterLine, limit + 1).collectList()
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Page<>(rows, null);
                    }
                    OrderQueries.MerchantLine last = rows.get(limit - 1);
                    return new Page<>(rows.subList(0, limit), cursors.encode(scope,
                            List.of(last.orderId().toString(), Integer.toString(last.line().lineNo()))));
                });
    }

    private static UUID afterId(List<String> keys) {
        UUID id = keys.size() == 1 ? Ids.parseOrNull(keys.get(0)) : null;
        if (id == null) {
            throw invalidCursor();
        }
        return id;
    }

    private static InvalidInputException invalidCursor() {
        return new InvalidInputException("invalid_cursor", "The cursor is not valid for this list", List.of());
    }

    // ---- moving

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
        Mono<Order> work = move(orderId, OrderStatus.CANCELLED, actor, reason, (current, columns) -> {
            columns.put("closed_at", Instant.now());
            if (current.status() == OrderStatus.PAID) {
                columns.put("stock_to_return", true);
            }
            return Mono.empty();
        }, moved -> moved.paidAt() == null ? Mono.empty()
                : orders.refundDue(moved.id(), "cancelled_after_payment", moved.paymentReference(), moved.paid()))
                .flatMap(order -> order.paidAt() == null ? releaseHolds(order) : restock(order));
        // Runs to its end even if the caller goes away: a cancelled order's stock must not wait for its expiry.
        return RunToEnd.of(work).flatMap(order -> anyOrder(order.id()));
    }

    /** Expires an unpaid order whose time has passed; empty when it was paid, cancelled or expired meanwhile. */
    public Mono<Order> expire(UUID orderId) {
        return orders.find(orderId)
                .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT && !order.expiresAt().isAfter(Instant.now()))
                .flatMap(order -> move(orderId, OrderStatus.EXPIRED, Actor.SYSTEM, "payment window ended",
                        (current, columns) -> {
                            columns.put("closed_at", Instant.now());
                            return Mono.empty();
                        })
                        .onErrorResume(OrderErrors.OrderChanged.class, e -> Mono.empty())
                        .onErrorResume(OrderErrors.IllegalTransition.class, e -> Mono.empty()))
                .flatMap(this::releaseHolds);
    }

    public Mono<Order> startFulfilment(UUID orderId, Actor actor) {
        return move(orderId, OrderStatus.FULFILLING, actor, null, (current, columns) -> Mono.empty())
                .flatMap(this::detailed);
    }

    public Mono<Order> ship(UUID orderId, Actor actor, String carrier, String trackingNumber) {
        return move(orderId, OrderStatus.SHIPPED, actor, null, (current, columns) -> {
            columns.put("carrier", carrier);
            columns.put("tracking_number", trackingNumber);
            columns.put("shipped_at", Instant.now());
            return Mono.empty();
        }).flatMap(this::detailed);
    }

    public Mono<Order> deliver(UUID orderId, Actor actor) {
        return move(orderId, OrderStatus.DELIVERED, actor, null, (current, columns) -> {
            columns.put("delivered_at", Instant.now());
            return Mono.empty();
        }).flatMap(this::detailed);
    }

    /** An administrator records a payment made outside the gateways (bank transfer) for the order's total. */
    public Mono<Order> markPaidManually(UUID orderId, Actor actor, String reason) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> {
                    if (!order.status().canTransitionTo(OrderStatus.PAID)) {
                        return Mono.error(new OrderErrors.IllegalTransition(order.status(), OrderStatus.PAID));
                    }
                    return pay(order, order.total(), "manual:" + actor.id(), actor, reason);
                })
                .flatMap(outcome -> anyOrder(orderId).flatMap(order -> order.status() == OrderStatus.PAID
                        ? Mono.just(order)
                        : Mono.error(new OrderErrors.IllegalTransition(order.status(), OrderStatus.PAID))));
    }

    @Override
    public Mono<OrderSummary> find(UUID orderId) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new)).map(OrderService::summary);
    }

    @Override
    public Mono<Boolean> guestOwns(UUID orderId, String email, String token) {
        if (email == null || token == null || email.isBlank() || token.isBlank()) {
            return Mono.just(false);
        }
        return orders.isGuestOrder(orderId, email.trim(), OrderCodes.hash(token.trim()));
    }

    @Override
    public Mono<PaymentOutcome> markPaid(UUID orderId, Money amount, String paymentReference) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> pay(order, amount, paymentReference, new Actor(null, "PAYMENT"), null));
    }

    private Mono<PaymentOutcome> pay(Order order, Money amount, String reference, Actor actor, String reason) {
        if (order.paidAt() != null) {
            if (!reference.equals(order.paymentReference())) {
                return orders.refundDue(order.id(), "second_payment", reference, amount).thenReturn(PaymentOutcome.LATE);
            }
            return Mono.just(PaymentOutcome.ALREADY_PAID);
        }
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return orders.refundDue(order.id(), "late_payment", reference, amount).thenReturn(PaymentOutcome.LATE);
        }
        if (!amount.equals(order.total())) {
            return orders.refundDue(order.id(), "amount_mismatch", reference, amount)
                    .thenReturn(PaymentOutcome.AMOUNT_MISMATCH);
        }
        Instant now = Instant.now();
        // A hold that lapsed (or was released) cannot be sold: decide that before anything is written, because
        // inside a caller's transaction (payments) a failure after the move could not be undone by catching it.
        Mono<Boolean> holdsActive = orders.reservations(order.id())
                .concatMap(inventory::find)
                .all(held -> held.status() == Reservation.Status.ACTIVE && held.expiresAt().isAfter(now));
        return holdsActive.flatMap(active -> active ? paid(order, amount, reference, actor, reason, now)
                        : lateForStock(order, reference, amount))
                // Someone else moved the order first (another delivery of this payment, expiry, a cancel): it
                // was refused before any write, so decide again on what the order is now.
                .onErrorResume(OrderService::lostRace, e -> orders.find(order.id())
                        .flatMap(current -> pay(current, amount, reference, actor, reason)));
    }

    private Mono<PaymentOutcome> paid(Order order, Money amount, String reference, Actor actor, String reason,
            Instant now) {
        return move(order.id(), OrderStatus.PAID, actor, reason, (current, columns) -> {
            if (current.version() != order.version()) {
                return Mono.error(new OrderErrors.OrderChanged());
            }
            columns.put("paid_at", now);
            columns.put("paid_minor", amount.amountMinor());
            columns.put("payment_reference", reference);
            return Mono.empty();
        }, (moved) -> orders.reservations(moved.id())
                .concatMap(inventory::confirm)
                .then(outbox.append(new OrderPaid(moved.id(), moved.number(), moved.customerId(), moved.email(),
                        amount, reference))))
                .thenReturn(PaymentOutcome.PAID);
    }

    /** The payment came, but a hold had already lapsed in inventory: the order expires and is due a refund. */
    private Mono<PaymentOutcome> lateForStock(Order order, String reference, Money amount) {
        return move(order.id(), OrderStatus.EXPIRED, Actor.SYSTEM, "a stock hold lapsed before payment",
                (current, columns) -> {
                    columns.put("closed_at", Instant.now());
                    return Mono.empty();
                }, moved -> orders.refundDue(moved.id(), "late_payment", reference, amount))
                .flatMap(this::releaseHolds)
                .thenReturn(PaymentOutcome.LATE);
    }

    private static boolean lostRace(Throwable e) {
        return e instanceof OrderErrors.OrderChanged || e instanceof OrderErrors.IllegalTransition;
    }

    @Override
    public Mono<OrderSummary> recordRefund(UUID orderId, Money amount, String refundReference) {
        return recordRefund(orderId, null, amount, refundReference);
    }

    @Override
    public Mono<OrderSummary> recordRefund(UUID orderId, String paymentReference, Money amount, String refundReference) {
        if (amount.amountMinor() <= 0) {
            return Mono.error(new OrderErrors.Unprocessable("refund_not_possible", "A refund is a positive amount"));
        }
        Mono<Boolean> stockBack = orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(order -> orders.firstRefund(orderId, refundReference, amount.amountMinor())
                        .flatMap(first -> !first ? Mono.just(false) // this refund was recorded before
                                : applyRefund(order, paymentReference, amount, refundReference)
                                        // The order moved meanwhile (refused before any write): apply to what it is now.
                                        .onErrorResume(OrderErrors.OrderChanged.class, e -> orders.find(orderId)
                                                .flatMap(now -> applyRefund(now, paymentReference, amount,
                                                        refundReference)))))
                .as(tx::transactional);
        return stockBack
                .flatMap(back -> back ? orders.find(orderId).flatMap(this::restock).then() : Mono.<Void>empty())
                .then(orders.find(orderId))
                .map(OrderService::summary);
    }

    /** Applies a first-time refund; true when the order's sold units must now go back on hand. */
    private Mono<Boolean> applyRefund(Order order, String paymentReference, Money amount, String refundReference) {
        boolean ofOrderPayment = order.paidAt() != null
                && (paymentReference == null || paymentReference.equals(order.paymentReference()));
        if (!ofOrderPayment) {
            // Money that should not have been taken (late, second, wrong amount): settle what is owed for it.
            String reference = paymentReference;
            if (reference == null) {
                return Mono.error(new OrderErrors.Unprocessable("refund_not_possible",
                        "Only a paid order can be refunded, unless the refund names the payment it returns"));
            }
            // The provider has already given the money back: record it even if nothing (more) was owed.
            return orders.settleDue(order.id(), reference, amount.amountMinor())
                    .doOnNext(settled -> {
                        if (!settled) {
                            log.warn("Refund {} of payment {} on order {} matches nothing owed back", refundReference,
                                    reference, order.number());
                        }
                    })
                    .thenReturn(false);
        }
        if (!order.paid().currency().equals(amount.currency())) {
            return Mono.error(new OrderErrors.Unprocessable("refund_not_possible", "Refunds are in the order's currency"));
        }
        long refunded = order.refunded().amountMinor() + amount.amountMinor();
        if (refunded > order.paid().amountMinor()) {
            return Mono.error(new OrderErrors.Unprocessable("over_refund", "Refunds cannot exceed what was paid"));
        }
        boolean full = refunded == order.paid().amountMinor();
        if (order.status() == OrderStatus.CANCELLED) {
            // A paid order cancelled: its status is final, the money follows.
            return orders.addRefunded(order.id(), amount.amountMinor())
                    .then(orders.settleDue(order.id(), order.paymentReference(), amount.amountMinor()))
                    .thenReturn(false);
        }
        OrderStatus to = full ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        boolean notShipped = order.shippedAt() == null;
        return move(order.id(), to, new Actor(null, "PAYMENT"), "refund " + refundReference, (current, columns) -> {
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

    private static OrderSummary summary(Order order) {
        return new OrderSummary(order.id(), order.number(), order.status(), order.customerId(), order.email(),
                order.total(), order.paid(), order.refunded());
    }

    private Mono<Order> move(UUID orderId, OrderStatus to, Actor actor, String reason,
            BiFunction<Order, Map<String, Object>, Mono<Void>> prepare) {
        return move(orderId, to, actor, reason, prepare, moved -> Mono.empty());
    }

    /**
     * The one way an order changes status: read, check the state machine, let {@code prepare} add columns
     * (or refuse), update on the version read, record history and event, run {@code alsoInTransaction}.
     */
    private Mono<Order> move(UUID orderId, OrderStatus to, Actor actor, String reason,
            BiFunction<Order, Map<String, Object>, Mono<Void>> prepare,
            java.util.function.Function<Order, Mono<Void>> alsoInTransaction) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(current -> {
                    if (!current.status().canTransitionTo(to)) {
                        return Mono.error(new OrderErrors.IllegalTransition(current.status(), to));
                    }
                    Map<String, Object> columns = new LinkedHashMap<>();
                    return prepare.apply(current, columns)
                            .then(Mono.defer(() -> orders.move(orderId, current.status(), current.version(), to, columns)))
                            .switchIfEmpty(Mono.error(OrderErrors.OrderChanged::new))
                            .flatMap(moved -> {
                                Instant at = moved.updatedAt();
                                return orders.history(orderId, current.status(), to, actor.id(), actor.role(), reason, at)
                                        .then(outbox.append(new OrderStatusChanged(orderId, moved.number(),
                                                current.status(), to, actor.id(), actor.role(), reason, moved.version(), at)))
                                        .then(alsoInTransaction.apply(moved))
                                        .thenReturn(moved);
                            });
                })
                .as(tx::transactional);
    }

    /** Gives back the stock an unpaid order held; inventory's status guard makes a repeat change nothing. */
    private Mono<Order> releaseHolds(Order order) {
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

    Flux<UUID> dueForExpiry(int limit) {
        return orders.due(Instant.now(), limit);
    }

    Flux<UUID> dueForRestock(int limit) {
        return orders.restockDue(limit);
    }

    Mono<Order> reload(UUID orderId) {
        return orders.find(orderId);
    }

    private Mono<Order> detailed(Order order) {
        return orders.withDetails(order);
    }
}
