package dev.surge.orders.domain;

import dev.surge.orders.config.OrdersProperties;
import dev.surge.platform.events.BackgroundWork;
import java.time.Duration;
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

    private final OrderService orders;
    private final OrdersProperties properties;

    OrderExpiry(OrderService orders, OrdersProperties properties) {
        this.orders = orders;
        this.properties = properties;
    }

    @Override
    protected Disposable begin() {
        return every(properties.expiryInterval(), properties.expiryInterval(), this::round, log, "Order expiry");
    }

    Mono<Long> round() {
        Mono<Long> expired = orders.dueForExpiry(properties.expiryBatch())
                .concatMap(id -> orders.expire(id).onErrorResume(e -> {
                    log.warn("Could not expire order {}; next round retries: {}", id, e.toString());
                    return Mono.empty();
                }))
                .count();
        Mono<Long> restocked = orders.dueForRestock(properties.expiryBatch())
                .concatMap(id -> orders.reload(id).flatMap(orders::restock))
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
}
