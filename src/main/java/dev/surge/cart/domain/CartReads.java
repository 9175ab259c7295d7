package dev.surge.cart.domain;

import dev.surge.cart.Cart;
import dev.surge.cart.config.CartProperties;
import dev.surge.cart.data.CartStore;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reading a cart, priced now. A guest token that names no live cart reads as an empty cart (and is not
 * handed back); a signed-in user's cart lost by Redis is restored from PostgreSQL first.
 */
@Service
public class CartReads {

    private final CartStore store;
    private final SignedInCarts signedIn;
    private final CartPricing pricing;
    private final CartProperties properties;
    private final CartMetrics metrics;
    /** Made once: the hottest path allocates no branch functions per read. */
    private final Function<CartOwner.User, Mono<CartView>> readUser = this::readUser;
    private final Function<CartOwner.Guest, Mono<CartView>> readGuest = this::readGuest;

    CartReads(CartStore store, SignedInCarts signedIn, CartPricing pricing, CartProperties properties,
            CartMetrics metrics) {
        this.store = store;
        this.signedIn = signedIn;
        this.pricing = pricing;
        this.properties = properties;
        this.metrics = metrics;
    }

    public Mono<CartView> read(CartOwner owner) {
        Mono<CartView> view = owner.fold(readUser, readGuest);
        return metrics.measured("read", view.defaultIfEmpty(new CartView(CartPricing.EMPTY, null)));
    }

    private Mono<CartView> readUser(CartOwner.User user) {
        return userCart(user.userId()).map(cart -> new CartView(cart, null));
    }

    private Mono<CartView> readGuest(CartOwner.Guest guest) {
        String token = guest.token();
        return token == null ? Mono.empty()
                : store.read(CartStore.guestCartId(token), properties.guestTtl())
                        .flatMap(stored -> pricing.price(stored).map(cart -> new CartView(cart, token)));
    }

    /** The signed-in customer's cart priced now. */
    Mono<Cart> userCart(UUID userId) {
        return signedIn.load(userId).flatMap(pricing::price);
    }

    /** The guest cart behind {@code token} priced now; an empty cart when the token names none. */
    Mono<Cart> guestCart(String token) {
        return read(new CartOwner.Guest(token)).map(CartView::cart);
    }
}
