package dev.surge.cart.domain;

import dev.surge.cart.Cart;
import dev.surge.cart.CartApi;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The cart module's door for other modules (checkout): delegates to the use cases. */
@Service
class CartApiFacade implements CartApi {

    private final CartReads reads;
    private final CartEdits edits;

    CartApiFacade(CartReads reads, CartEdits edits) {
        this.reads = reads;
        this.edits = edits;
    }

    @Override
    public Mono<Cart> userCart(UUID userId) {
        return reads.userCart(userId);
    }

    @Override
    public Mono<Void> clearUserCart(UUID userId) {
        return edits.clear(new CartOwner.User(userId)).then();
    }

    @Override
    public Mono<Cart> guestCart(String token) {
        return reads.guestCart(token);
    }

    @Override
    public Mono<Void> removeOrdered(UUID userId, String guestToken, Collection<UUID> variantIds) {
        return edits.removeOrdered(userId, guestToken, variantIds);
    }
}
