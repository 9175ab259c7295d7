package dev.surge.cart;

import java.util.Collection;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** What other modules (checkout) may ask of carts. */
public interface CartApi {

    /** The signed-in customer's cart priced now; restored from PostgreSQL first if Redis has lost it. */
    Mono<Cart> userCart(UUID userId);

    /** Empties the customer's cart (after a checkout took its lines). */
    Mono<Void> clearUserCart(UUID userId);

    /** The guest cart behind {@code token}, priced now; an empty cart when the token names none. */
    Mono<Cart> guestCart(String token);

    /**
     * Removes the lines of {@code variantIds} (a checkout ordered them) from the user's cart, or from the
     * guest cart behind {@code guestToken} when {@code userId} is null; other lines stay.
     */
    Mono<Void> removeOrdered(UUID userId, String guestToken, Collection<UUID> variantIds);
}
