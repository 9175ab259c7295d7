package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.config.OrdersProperties;
import dev.surge.orders.data.OrderQueries;
import dev.surge.platform.events.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Every instance, every {@code expiry-interval}: expires unpaid orders past their payment window (their
 * holds are released; the status guard lets one instance win) and retries returning the stock of paid
 * orders that were cancelled when the first attempt failed.
 */
@Component
class OrderExpiry extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

    private final OrderQueries orders;
    private final OrderMoves moves;
    private final OrdersProperties properties;

    OrderExpiry(OrderQueries orders, OrderMoves moves, OrdersProperties properties) {
        this.orders = orders;
        this.moves = moves;
        this.properties = properties;
    }

    @Override
    protected Disposable begin() {
        return every(properties.expiryInterval(), properties.expiryInterval(), this::round, log, "Order expiry");
    }

    Mono<Long> round() {
        Mono<Long> expired = orders.due(Instant.now(), properties.expiryBatch())
                .concatMap(id -> expire(id).onErrorResume(e -> {
                    log.warn("Could not expire order {}; next round retries: {}", id, e.toString());
                    return Mono.empty();
                }))
                .count();
        Mono<Long> restocked = orders.restockDue(properties.expiryBatch())
                .concatMap(id -> orders.find(id).flatMap(moves::restock))
                .count();
        return expired
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("Expired {} unpaid order(s)", count);
                    }
                })
                .flatMap(count -> restocked.thenReturn(count))
                .timeout(Duration.ofMinutes(1));
    }

    /** Expires an unpaid order whose time has passed; empty when it was paid, cancelled or expired meanwhile. */
    Mono<Order> expire(UUID orderId) {
        return orders.find(orderId)
                .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT && !order.expiresAt().isAfter(Instant.now()))
                .flatMap(order -> moves.move(orderId, OrderStatus.EXPIRED, Actor.SYSTEM, "payment window ended",
                                OrderMoves::closing)
                        .onErrorResume(OrderErrors.OrderChanged.class, e -> Mono.empty())
                        .onErrorResume(OrderErrors.IllegalTransition.class, e -> Mono.empty()))
                .flatMap(moves::releaseHolds);
    }
}
