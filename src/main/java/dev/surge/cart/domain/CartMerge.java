package dev.surge.cart.domain;

import dev.surge.cart.config.CartProperties;
import dev.surge.cart.data.CartOutcome;
import dev.surge.cart.data.CartStore;
import dev.surge.cart.data.StoredCart;
import dev.surge.cart.domain.CartErrors.CurrencyMismatch;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.reactive.RunToEnd;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Moves a guest cart into the user's cart at sign-in, explicitly ({@code POST /api/v1/cart/merge}) or
 * implicitly: a signed-in call that still carries a guest token merges that guest cart first, so a cart
 * is not lost at sign-in even when a client forgets the explicit merge.
 * <p>
 * Each guest line's units are added to the user's line of the same variant, capped by the units
 * available now and the per-line cap (a line never shrinks); lines that cannot be bought now, or beyond
 * the line cap, are left out. The guest cart is read and deleted in one step, so a token merges once,
 * however many requests carry it. A token that names no live cart merges nothing. Carts in different
 * currencies are not merged: the guest cart is put back and {@link CurrencyMismatch} signalled.
 */
@Service
public class CartMerge {

    private static final Logger log = LoggerFactory.getLogger(CartMerge.class);
    private static final Mono<Boolean> MERGED = Mono.just(false);
    private static final Mono<Boolean> KEPT = Mono.just(true);

    private final CartStore store;
    private final SignedInCarts signedIn;
    private final CartReads reads;
    private final CartPricing pricing;
    private final CartProperties properties;
    private final CartMetrics metrics;

    CartMerge(CartStore store, SignedInCarts signedIn, CartReads reads, CartPricing pricing, CartProperties properties,
            CartMetrics metrics) {
        this.store = store;
        this.signedIn = signedIn;
        this.reads = reads;
        this.pricing = pricing;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** The explicit merge: only for a signed-in owner; a currency clash is answered ({@link CurrencyMismatch}). */
    public Mono<CartView> merge(CartOwner owner, String guestToken) {
        return owner.fold(user -> merge(user.userId(), guestToken),
                guest -> Mono.error(new AuthenticationCredentialsNotFoundException("No bearer token")));
    }

    public Mono<CartView> merge(UUID userId, String guestToken) {
        return metrics.measured("merge", absorb(userId, guestToken).then(reads.userCart(userId))
                .map(cart -> new CartView(cart, null)));
    }

    /**
     * Runs {@code operation} on the owner's cart, after the implicit merge when a signed-in owner still
     * presents a guest token. Unlike the explicit merge, a guest cart that cannot be merged is not an
     * error: it was put back, and the answer says so ({@link CartView#guestCartKept()}) so that the client
     * keeps its token.
     */
    public Mono<CartView> mergingFirst(CartOwner owner, String guestToken,
            Function<CartOwner, Mono<CartView>> operation) {
        if (guestToken == null) {
            return operation.apply(owner);
        }
        return owner.fold(user -> absorb(user.userId(), guestToken).then(MERGED)
                        .onErrorResume(SurgeException.class, e -> {
                            log.debug("Guest cart not merged into the cart of {}: {}", user.userId(), e.code());
                            return KEPT;
                        })
                        .flatMap(kept -> operation.apply(owner)
                                .map(view -> kept ? view.withGuestCartKept() : view)),
                guest -> operation.apply(owner));
    }

    /** The merge without an answer. */
    Mono<Void> absorb(UUID userId, String guestToken) {
        if (!CartTokens.wellFormed(guestToken)) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            AtomicBoolean merged = new AtomicBoolean();
            String guestId = CartStore.guestCartId(guestToken);
            Mono<Void> work = store.take(guestId)
                    .flatMap(guest -> mergeInto(userId, guestId, guest, merged)
                            .onErrorResume(e -> e instanceof CurrencyMismatch || merged.get() ? Mono.error(e)
                                    // Failed before the merge script ran: the guest cart must not be lost.
                                    : store.restore(guestId, properties.guestTtl(), guest).then(Mono.error(e))))
                    .then();
            // Runs to its end even if the client goes away: the guest cart was taken out of Redis already.
            return RunToEnd.of(work);
        });
    }

    private Mono<StoredCart> mergeInto(UUID userId, String guestId, StoredCart guest, AtomicBoolean merged) {
        if (guest.lines().isEmpty() || guest.currency() == null) {
            return Mono.empty();
        }
        String id = CartStore.userCartId(userId);
        return pricing.mergeLines(guest)
                .flatMap(lines -> signedIn.absorbing(userId, () -> store.merge(id, properties.userTtl(),
                        properties.maxLines(), guest, lines)))
                .doOnNext(outcome -> merged.set(outcome.status() != CartOutcome.CURRENCY_MISMATCH))
                .flatMap(outcome -> {
                    if (outcome.status() == CartOutcome.CURRENCY_MISMATCH) {
                        return store.restore(guestId, properties.guestTtl(), guest)
                                .then(Mono.error(new CurrencyMismatch(outcome.cart().currency())));
                    }
                    return (outcome.status() == CartOutcome.CHANGED ? signedIn.markDirty(userId).onErrorResume(e -> {
                                // Merged already; the next change of this cart marks it for PostgreSQL again.
                                log.warn("Merged cart of {} not marked for persistence: {}", userId, e.toString());
                                return Mono.empty();
                            }) : Mono.<Void>empty())
                            .thenReturn(outcome.cart());
                });
    }
}
