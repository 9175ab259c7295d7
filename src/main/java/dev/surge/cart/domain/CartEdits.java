package dev.surge.cart.domain;

import dev.surge.cart.config.CartProperties;
import dev.surge.cart.data.CartOutcome;
import dev.surge.cart.data.CartStore;
import dev.surge.cart.data.CartStore.LineChange;
import dev.surge.cart.data.CartStore.Outcome;
import dev.surge.cart.data.StoredCart;
import dev.surge.cart.domain.CartErrors.CartFull;
import dev.surge.cart.domain.CartErrors.CartItemNotFound;
import dev.surge.cart.domain.CartErrors.CurrencyMismatch;
import dev.surge.cart.domain.CartErrors.InsufficientStock;
import dev.surge.cart.domain.CartErrors.QuantityLimit;
import dev.surge.cart.domain.CartErrors.QuantityOutOfRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Changes to a cart. Each is one script on the cart's Redis key ({@link CartStore}), given what it needs
 * to decide (the variant's price and currency from the catalog, the units available now from inventory,
 * the caps); the script refuses or applies it atomically, so concurrent requests on one cart cannot
 * overshoot a cap. Every answer is priced afresh.
 * <p>
 * Guests: a token that names no live cart is treated like no token at all: the first added item starts a
 * new cart under a new token; a client-chosen token is never adopted. Signed-in users: see
 * {@link SignedInCarts}.
 */
@Service
public class CartEdits {

    private final CartStore store;
    private final SignedInCarts signedIn;
    private final CartPricing pricing;
    private final CartTokens tokens;
    private final CartProperties properties;
    private final CartMetrics metrics;
    private final CartStore.Caps caps;

    CartEdits(CartStore store, SignedInCarts signedIn, CartPricing pricing, CartTokens tokens,
            CartProperties properties, CartMetrics metrics) {
        this.store = store;
        this.signedIn = signedIn;
        this.pricing = pricing;
        this.tokens = tokens;
        this.properties = properties;
        this.metrics = metrics;
        this.caps = new CartStore.Caps(properties.maxQuantity(), properties.maxLines());
    }

    public Mono<CartView> add(CartOwner owner, UUID variantId, int quantity) {
        return add(owner, variantId, quantity, Mono.empty());
    }

    /**
     * As {@link #add(CartOwner, UUID, int)}; {@code beforeCreating} runs (e.g. a rate limit) before a new
     * guest cart is made.
     */
    public Mono<CartView> add(CartOwner owner, UUID variantId, int quantity, Mono<Void> beforeCreating) {
        if (quantity < 1 || quantity > properties.maxQuantity()) {
            return metrics.measured("add", Mono.error(new QuantityOutOfRange(1, properties.maxQuantity())));
        }
        Instant now = Instant.now();
        Mono<CartView> work = pricing.purchasable(variantId).zipWith(pricing.availableUnits(variantId),
                        (variant, available) -> LineChange.add(variantId, quantity, variant.price(), available))
                .flatMap(line -> owner.fold(
                        user -> signedIn.change(user.userId(), () -> counted(store.add(
                                        CartStore.userCartId(user.userId()), false, properties.userTtl(), line, caps, now),
                                        now))
                                .flatMap(outcome -> userChange(user, outcome, line.variantId(), line.available())),
                        guest -> addAsGuest(guest.token(), line, now, beforeCreating)));
        return metrics.measured("add", work);
    }

    /** Adds to the guest's live cart, or starts a new cart under a new token when there is none. */
    private Mono<CartView> addAsGuest(String token, LineChange line, Instant now, Mono<Void> beforeCreating) {
        Mono<Outcome> existing = token == null ? Mono.just(new Outcome(CartOutcome.MISSING, null))
                : counted(store.add(CartStore.guestCartId(token), false, properties.guestTtl(), line, caps, now), now);
        return existing.flatMap(outcome -> {
            if (outcome.status() != CartOutcome.MISSING) {
                return guestChange(token, outcome, line.variantId(), line.available());
            }
            return beforeCreating.then(Mono.defer(() -> {
                String fresh = tokens.newToken();
                return counted(store.add(CartStore.guestCartId(fresh), true, properties.guestTtl(), line, caps, now), now)
                        .flatMap(created -> guestChange(fresh, created, line.variantId(), line.available()));
            }));
        });
    }

    /** Counts, in this instance's memory, a cart the added line started or gave its first line (no I/O). */
    private Mono<Outcome> counted(Mono<Outcome> added, Instant now) {
        return added.doOnNext(outcome -> metrics.counted(outcome.counted(), now));
    }

    /** Sets a line's quantity; 0 removes it. Raising it must fit the units available; lowering always works. */
    public Mono<CartView> setQuantity(CartOwner owner, UUID variantId, int quantity) {
        if (quantity < 0 || quantity > properties.maxQuantity()) {
            return metrics.measured("update", Mono.error(new QuantityOutOfRange(0, properties.maxQuantity())));
        }
        Mono<LineChange> priced = quantity == 0 ? Mono.just(LineChange.set(variantId, 0, 0, 0))
                : pricing.purchasable(variantId).zipWith(pricing.availableUnits(variantId),
                        (variant, available) -> LineChange.set(variantId, quantity, variant.price().amountMinor(),
                                available));
        Mono<CartView> work = priced.flatMap(line -> owner.fold(
                user -> signedIn.change(user.userId(), () -> store.set(CartStore.userCartId(user.userId()),
                                properties.userTtl(), line, caps))
                        .flatMap(outcome -> userChange(user, outcome, variantId, line.available())),
                guest -> guest.token() == null ? Mono.error(new CartItemNotFound(variantId))
                        : store.set(CartStore.guestCartId(guest.token()), properties.guestTtl(), line, caps)
                                .flatMap(outcome -> outcome.status() == CartOutcome.MISSING
                                        ? Mono.error(new CartItemNotFound(variantId))
                                        : guestChange(guest.token(), outcome, variantId, line.available()))));
        return metrics.measured("update", work);
    }

    /** Removes a line; removing one that is not there answers the cart as it is. */
    public Mono<CartView> remove(CartOwner owner, UUID variantId) {
        return metrics.measured("remove", change(owner, (id, ttl) -> store.remove(id, ttl, variantId)));
    }

    /** Empties the cart; a guest's token stays valid. */
    public Mono<CartView> clear(CartOwner owner) {
        return metrics.measured("clear", change(owner, store::clear));
    }

    /**
     * Removes the lines a checkout ordered from the user's cart, or from the guest cart behind
     * {@code guestToken} when {@code userId} is null; other lines stay.
     */
    Mono<Void> removeOrdered(UUID userId, String guestToken, Collection<UUID> variantIds) {
        if (userId == null && guestToken == null) {
            return Mono.empty();
        }
        CartOwner owner = CartOwner.of(userId, guestToken);
        return Flux.fromIterable(variantIds).concatMap(variant -> remove(owner, variant)).then();
    }

    /** A script on the owner's cart (id, ttl); a guest without a live cart gets an empty cart. */
    Mono<CartView> change(CartOwner owner, BiFunction<String, Duration, Mono<Outcome>> script) {
        return owner.fold(
                user -> signedIn.change(user.userId(),
                                () -> script.apply(CartStore.userCartId(user.userId()), properties.userTtl()))
                        .flatMap(outcome -> userChange(user, outcome, null, 0)),
                guest -> guest.token() == null ? Mono.just(new CartView(CartPricing.EMPTY, null))
                        : script.apply(CartStore.guestCartId(guest.token()), properties.guestTtl())
                                .flatMap(outcome -> outcome.status() == CartOutcome.MISSING
                                        ? Mono.just(new CartView(CartPricing.EMPTY, null))
                                        : guestChange(guest.token(), outcome, null, 0)));
    }

    private Mono<CartView> userChange(CartOwner.User user, Outcome outcome, UUID variantId, int available) {
        return settle(outcome, variantId, available)
                .flatMap(stored -> (outcome.status() == CartOutcome.CHANGED ? signedIn.markDirty(user.userId())
                        : Mono.<Void>empty()).then(pricing.price(stored)))
                .map(cart -> new CartView(cart, null));
    }

    private Mono<CartView> guestChange(String token, Outcome outcome, UUID variantId, int available) {
        return settle(outcome, variantId, available).flatMap(pricing::price).map(cart -> new CartView(cart, token));
    }

    /** The cart after the script, or the refusal the script answered. */
    private Mono<StoredCart> settle(Outcome outcome, UUID variantId, int available) {
        return switch (outcome.status()) {
            case CHANGED, UNCHANGED -> Mono.just(outcome.cart());
            case CURRENCY_MISMATCH -> Mono.error(new CurrencyMismatch(outcome.cart().currency()));
            case OVER_MAX_QUANTITY -> Mono.error(new QuantityLimit(properties.maxQuantity()));
            case INSUFFICIENT_STOCK -> Mono.error(new InsufficientStock(variantId, available));
            case CART_FULL -> Mono.error(new CartFull(properties.maxLines()));
            case NO_SUCH_LINE -> Mono.error(new CartItemNotFound(variantId));
            case MISSING -> Mono.error(new IllegalStateException("Cart script answered " + outcome.status()));
        };
    }
}
