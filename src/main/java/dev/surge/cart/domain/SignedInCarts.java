package dev.surge.cart.domain;

import dev.surge.cart.config.CartProperties;
import dev.surge.cart.data.CartOutcome;
import dev.surge.cart.data.CartQueries;
import dev.surge.cart.data.CartStore;
import dev.surge.cart.data.CartStore.Outcome;
import dev.surge.cart.data.StoredCart;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Signed-in carts between Redis and PostgreSQL: a cart missing from Redis is restored from its
 * PostgreSQL copy (or started empty) before anything else happens to it, and every change lists the cart
 * for the write-behind flusher ({@link CartFlusher}).
 */
@Component
class SignedInCarts {

    private final CartStore store;
    private final CartQueries queries;
    private final CartProperties properties;
    private final CartMetrics metrics;

    SignedInCarts(CartStore store, CartQueries queries, CartProperties properties, CartMetrics metrics) {
        this.store = store;
        this.queries = queries;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** The user's cart in Redis, restored from PostgreSQL first (or started empty) when Redis has none. */
    Mono<StoredCart> load(UUID userId) {
        String id = CartStore.userCartId(userId);
        return store.read(id, properties.userTtl())
                .switchIfEmpty(Mono.defer(() -> restore(userId, true).then(store.read(id, properties.userTtl()))))
                .defaultIfEmpty(StoredCart.empty(Instant.now()));
    }

    /** Runs a script on the user's cart; when Redis has no such cart, restores it and runs the script again. */
    Mono<Outcome> change(UUID userId, Supplier<Mono<Outcome>> script) {
        return change(userId, script, true);
    }

    /**
     * As {@link #change(UUID, Supplier)}, for a guest cart merged in at sign-in: a cart made empty to take it is not
     * counted as started (the guest cart was, when it was made).
     */
    Mono<Outcome> absorbing(UUID userId, Supplier<Mono<Outcome>> script) {
        return change(userId, script, false);
    }

    private Mono<Outcome> change(UUID userId, Supplier<Mono<Outcome>> script, boolean countStart) {
        return script.get().flatMap(outcome -> outcome.status() != CartOutcome.MISSING ? Mono.just(outcome)
                : restore(userId, countStart).then(Mono.defer(script)));
    }

    /** Lists the cart for the write-behind to PostgreSQL. */
    Mono<Void> markDirty(UUID userId) {
        return store.markDirty(userId, Instant.now());
    }

    private Mono<Void> restore(UUID userId, boolean countStart) {
        return queries.find(userId)
                .flatMap(saved -> store.restore(CartStore.userCartId(userId), properties.userTtl(), saved)
                        .doOnNext(written -> {
                            if (written) {
                                metrics.restored();
                            }
                        }))
                .switchIfEmpty(Mono.defer(() -> {
                    Instant now = Instant.now();
                    // A new cart for the carts report: started now, given its first line later (add.lua: seq 0).
                    return store.restore(CartStore.userCartId(userId), properties.userTtl(), StoredCart.empty(now))
                            .doOnNext(written -> {
                                if (written && countStart) {
                                    metrics.startedEmpty(now);
                                }
                            });
                }))
                .then();
    }
}
