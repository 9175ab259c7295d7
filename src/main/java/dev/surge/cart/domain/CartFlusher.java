package dev.surge.cart.domain;

import dev.surge.cart.config.CartProperties;
import dev.surge.cart.data.CartQueries;
import dev.surge.cart.data.CartStore;
import dev.surge.platform.events.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Write-behind of signed-in carts, on every instance, every {@code surge.cart.flush-interval}: claims the
 * carts changed since they were last written (a Redis sorted set; a cart changed ten times in a second is
 * written once), reads each from Redis and replaces its PostgreSQL copy in one transaction. Nothing on
 * the request path touches PostgreSQL.
 * <p>
 * Why no lost update: a cart is claimed (taken off the dirty set) before it is read, and every change
 * lists its cart again after the change is applied, so a change made after the read is listed again and
 * written in a later round. Two instances writing one cart in the wrong order are settled by the cart's
 * version (an older copy never replaces a newer one). A claim whose instance died is handed out again
 * after {@code flush-lease}. A cart that Redis lost is skipped: PostgreSQL keeps the last copy, which is
 * what restores it. What can be lost: changes made within one interval before Redis itself lost them.
 */
@Component
class CartFlusher extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(CartFlusher.class);

    private final CartStore store;
    private final CartQueries queries;
    private final TransactionalOperator tx;
    private final CartProperties properties;
    private final CartMetrics metrics;

    CartFlusher(CartStore store, CartQueries queries, TransactionalOperator tx, CartProperties properties,
            CartMetrics metrics) {
        this.store = store;
        this.queries = queries;
        this.tx = tx;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    protected Disposable begin() {
        return every(properties.flushInterval(), properties.flushInterval(), this::round, log, "Cart write-behind");
    }

    Mono<Long> round() {
        Instant claimedAt = Instant.now();
        long started = System.nanoTime();
        return store.claimDirty(claimedAt, properties.flushLease(), properties.flushBatch())
                .flatMap(userId -> write(userId, claimedAt), 4)
                .filter(Boolean::booleanValue)
                .count()
                .doOnNext(written -> metrics.flushRound(Duration.ofNanos(System.nanoTime() - started)))
                .timeout(properties.flushLease());
    }

    private Mono<Boolean> write(UUID userId, Instant claimedAt) {
        return store.peek(CartStore.userCartId(userId))
                .flatMap(cart -> queries.write(userId, cart).as(tx::transactional))
                .defaultIfEmpty(false)
                .flatMap(written -> store.flushed(userId, claimedAt).thenReturn(written))
                .doOnSuccess(written -> metrics.flushedCart(true))
                .onErrorResume(e -> {
                    metrics.flushedCart(false);
                    log.warn("Could not write the cart of user {}; it is retried after the lease: {}", userId,
                            e.toString());
                    return Mono.just(false);
                });
    }
}
