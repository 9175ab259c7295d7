package dev.surge.orders.domain;

import dev.surge.inventory.InventoryApi;
import dev.surge.orders.OrderPlaced;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.data.OrderQueries;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Money;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a priced, reserved order in one transaction: claims the buyer's sale holds, inserts the order with its lines,
 * reservation links and first history entry (one statement), then {@link OrderPlaced}.
 */
@Component
class CheckoutWriter {

    private final OrderQueries orders;
    private final InventoryApi inventory;
    private final Outbox outbox;
    private final TransactionalOperator tx;

    CheckoutWriter(OrderQueries orders, InventoryApi inventory, Outbox outbox, TransactionalOperator tx) {
        this.orders = orders;
        this.inventory = inventory;
        this.outbox = outbox;
        this.tx = tx;
    }

    /**
     * {@code redeem}: the promotions' redemptions, last in the transaction so the promotion's row lock (which
     * concurrent checkouts of a capped code queue on) is held for as short a time as possible.
     */
    Mono<CheckoutService.Placed> write(OrderQueries.NewOrder order, OrderPricing.Priced priced, List<UUID> reservations,
            List<UUID> saleHolds, Actor actor, Mono<Void> redeem) {
        List<OrderPlaced.Line> eventLines = priced.lines().stream()
                .map(line -> new OrderPlaced.Line(line.variantId(), line.merchantId(), line.quantity(), line.unitPrice()))
                .toList();
        StatusChange placed = new StatusChange(null, OrderStatus.PENDING_PAYMENT, actor.id(), actor.role(), "checkout",
                order.createdAt());
        Mono<Void> claims = Flux.fromIterable(saleHolds)
                .concatMap(hold -> inventory.claim(hold, "user:" + order.customerId(), "order:" + order.id())
                        .filter(Boolean::booleanValue)
                        .switchIfEmpty(Mono.error(OrderErrors.SaleHoldInUse::new)))
                .then();
        return claims.then(orders.insert(order, priced.lines(), reservations, placed))
                .flatMap(written -> outbox.append(new OrderPlaced(order.id(), order.number(), order.customerId(),
                                order.email(), new Money(order.total(), order.currency()), eventLines, order.expiresAt(),
                                order.createdAt()))
                        .then(redeem)
                        .thenReturn(written))
                .as(tx::transactional)
                // A new order's details are what was just written: its lines, one history entry, no refunds due.
                .map(written -> new CheckoutService.Placed(written.withDetails(priced.lines(), List.of(placed), List.of()),
                        null, false));
    }

    /** A unique constraint refused the order: a concurrent retry with the same key won, or a hold is taken. */
    Mono<CheckoutService.Placed> duplicate(DataIntegrityViolationException e, String scope, String key) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("orders_idempotency")) {
            return existing(scope, key).switchIfEmpty(Mono.error(e));
        }
        if (message.contains("order_reservations_pkey")) {
            return Mono.error(new OrderErrors.SaleHoldInUse());
        }
        return Mono.error(e);
    }

    /** The order this caller already placed under the key, with its details; empty when there is none. */
    Mono<CheckoutService.Placed> existing(String scope, String key) {
        return orders.findByIdempotencyKey(scope, key).flatMap(orders::withDetails)
                .map(order -> new CheckoutService.Placed(order, null, true));
    }
}
