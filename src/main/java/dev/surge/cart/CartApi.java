package dev.surge.cart;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** What other modules (checkout) may ask of carts. */
public interface CartApi {

    /** The signed-in customer's cart priced now; restored from PostgreSQL first if Redis has lost it. */
    Mono<Cart> userCart(UUID userId);

    /** Empties the customer's cart (after a checkout took its lines). */
    Mono<Void> clearUserCart(UUID userId);
}
