package dev.surge.cart.domain;

import dev.surge.platform.reactive.RunToEnd;
import dev.surge.cart.Cart;
import dev.surge.cart.CartApi;
import dev.surge.cart.CartLine;
import dev.surge.cart.config.CartProperties;
import dev.surge.cart.data.CartOutcome;
import dev.surge.cart.data.CartQueries;
import dev.surge.cart.data.CartStore;
import dev.surge.cart.data.CartStore.LineChange;
import dev.surge.cart.data.CartStore.MergeLine;
import dev.surge.cart.data.CartStore.Outcome;
import dev.surge.cart.data.StoredCart;
import dev.surge.cart.domain.CartErrors.CartFull;
import dev.surge.cart.domain.CartErrors.CartItemNotFound;
import dev.surge.cart.domain.CartErrors.CurrencyMismatch;
import dev.surge.cart.domain.CartErrors.InsufficientStock;
import dev.surge.cart.domain.CartErrors.QuantityLimit;
import dev.surge.cart.domain.CartErrors.VariantNotFound;
import dev.surge.cart.domain.CartErrors.VariantUnavailable;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.inventory.InventoryApi;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Cart rules. Each change is one script on the cart's Redis key ({@link CartStore}), given what it needs
 * to decide (the variant's price and currency from the catalog, the units available now from inventory,
 * the caps); the script refuses or applies it atomically, so concurrent requests on one cart cannot
 * overshoot a cap. Every answer is priced afresh ({@link #price}), never from what a client sent.
 * <p>
 * Guests: a token that names no live cart is treated like no token at all: reads answer an empty cart,
 * the first added item starts a new cart under a new token. A client-chosen token is never adopted.
 * Signed-in users: a cart missing from Redis is restored from PostgreSQL before anything else happens
 * to it; every change lists the cart for the write-behind flusher ({@link CartFlusher}).
 */
@Service
public class CartService implements CartApi {

    static final Cart EMPTY = new Cart(List.of(), 0, null, null);

    private final CartStore store;
    private final CartQueries queries;
    private final VariantSnapshots variants;
    private final InventoryApi inventory;
    private final CartTokens tokens;
    private final CartProperties properties;
    private final CartMetrics metrics;
    private final CartStore.Caps caps;

    CartService(CartStore store, CartQueries queries, VariantSnapshots variants, InventoryApi inventory,
            CartTokens tokens, CartProperties properties, CartMetrics metrics) {
        this.store = store;
        this.queries = queries;
        this.variants = variants;
        this.inventory = inventory;
        this.tokens = tokens;
        this.properties = properties;
        this.metrics = metrics;
        this.caps = new CartStore.Caps(properties.maxQuantity(), properties.maxLines());
    }

    public Mono<CartView> read(CartOwner owner) {
        Mono<CartView> view;
        if (owner instanceof CartOwner.User user) {
            view = loadUser(user.userId()).flatMap(this::price).map(cart -> new CartView(cart, null));
        } else {
            String token = ((CartOwner.Guest) owner).token();
            view = token == null ? Mono.empty()
                    : store.read(guestId(token), properties.guestTtl())
                            .flatMap(stored -> price(stored).map(cart -> new CartView(cart, token)));
        }
        return measured("read", view.defaultIfEmpty(new CartView(EMPTY, null)));
    }

    public Mono<CartView> add(CartOwner owner, UUID variantId, int quantity) {
        return add(owner, variantId, quantity, Mono.empty());
    }

    /** As {@link #add(CartOwner, UUID, int)}; {@code beforeCreating} runs (e.g. a rate limit) before a new guest cart is made. */
    public Mono<CartView> add(CartOwner owner, UUID variantId, int quantity, Mono<Void> beforeCreating) {
        if (quantity < 1 || quantity > properties.maxQuantity()) {
            return measured("add", Mono.error(outOfRange(1)));
        }
        Instant now = Instant.now();
        Mono<CartView> work = purchasable(variantId).zipWith(availableUnits(variantId)).flatMap(found -> {
            VariantSnapshot variant = found.getT1();
            int available = found.getT2();
            if (owner instanceof CartOwner.User user) {
                String id = CartStore.userCartId(user.userId());
                return onUserCart(user.userId(), () -> store.add(id, false, properties.userTtl(),
                        LineChange.add(variantId, quantity, variant.price(), available), caps, now))
                        .flatMap(outcome -> userChange(user, outcome, variantId, available));
            }
            String token = ((CartOwner.Guest) owner).token();
            Mono<Outcome> existing = token == null ? Mono.just(new Outcome(CartOutcome.MISSING, null))
                    : addAsGuest(token, false, variantId, quantity, variant, available, now);
            return existing.flatMap(outcome -> {
                if (outcome.status() != CartOutcome.MISSING) {
                    return guestChange(token, outcome, variantId, available);
                }
                return beforeCreating.then(Mono.defer(() -> {
                    String fresh = tokens.newToken();
                    return addAsGuest(fresh, true, variantId, quantity, variant, available, now)
                            .flatMap(created -> guestChange(fresh, created, variantId, available));
                }));
            });
        });
        return measured("add", work);
    }

    private Mono<Outcome> addAsGuest(String token, boolean create, UUID variantId, int quantity, VariantSnapshot variant,
            int available, Instant now) {
        return store.add(guestId(token), create, properties.guestTtl(),
                LineChange.add(variantId, quantity, variant.price(), available), caps, now);
    }

    /** Sets a line's quantity; 0 removes it. Raising it must fit the units available; lowering always works. */
    public Mono<CartView> setQuantity(CartOwner owner, UUID variantId, int quantity) {
        if (quantity < 0 || quantity > properties.maxQuantity()) {
            return measured("update", Mono.error(outOfRange(0)));
        }
        Mono<VariantPrice> priced = quantity == 0 ? Mono.just(new VariantPrice(0, 0))
                : purchasable(variantId).zipWith(availableUnits(variantId),
                        (variant, available) -> new VariantPrice(variant.price().amountMinor(), available));
        Mono<CartView> work = priced.flatMap(found -> {
            if (owner instanceof CartOwner.User user) {
                String id = CartStore.userCartId(user.userId());
                return onUserCart(user.userId(), () -> store.set(id, properties.userTtl(),
                        LineChange.set(variantId, quantity, found.priceMinor(), found.available()), caps))
                        .flatMap(outcome -> userChange(user, outcome, variantId, found.available()));
            }
            String token = ((CartOwner.Guest) owner).token();
            if (token == null) {
                return Mono.error(new CartItemNotFound(variantId));
            }
            return store.set(guestId(token), properties.guestTtl(),
                            LineChange.set(variantId, quantity, found.priceMinor(), found.available()), caps)
                    .flatMap(outcome -> outcome.status() == CartOutcome.MISSING
                            ? Mono.error(new CartItemNotFound(variantId))
                            : guestChange(token, outcome, variantId, found.available()));
        });
        return measured("update", work);
    }

    private record VariantPrice(long priceMinor, int available) {
    }

    /** Removes a line; removing one that is not there answers the cart as it is. */
    public Mono<CartView> remove(CartOwner owner, UUID variantId) {
        return measured("remove", change(owner, id -> store.remove(id, ttl(owner), variantId)));
    }

    /** Empties the cart; a guest's token stays valid. */
    public Mono<CartView> clear(CartOwner owner) {
        return measured("clear", change(owner, id -> store.clear(id, ttl(owner))));
    }

    private Mono<CartView> change(CartOwner owner, java.util.function.Function<String, Mono<Outcome>> script) {
        if (owner instanceof CartOwner.User user) {
            return onUserCart(user.userId(), () -> script.apply(CartStore.userCartId(user.userId())))
                    .flatMap(outcome -> userChange(user, outcome, null, 0));
        }
        String token = ((CartOwner.Guest) owner).token();
        if (token == null) {
            return Mono.just(new CartView(EMPTY, null));
        }
        return script.apply(guestId(token)).flatMap(outcome -> outcome.status() == CartOutcome.MISSING
                ? Mono.just(new CartView(EMPTY, null))
                : guestChange(token, outcome, null, 0));
    }

    /**
     * Moves a guest cart into the user's cart: each line's units are added to the user's line of the same
     * variant, capped by the units available now and the per-line cap (a line never shrinks); lines that
     * cannot be bought now, or beyond the line cap, are left out. The guest cart is read and deleted in one
     * step, so a token merges once, however many requests carry it. A token that names no live cart merges
     * nothing. Carts in different currencies are not merged: the guest cart is put back and
     * {@link CurrencyMismatch} signalled.
     */
    public Mono<CartView> merge(UUID userId, String guestToken) {
        return measured("merge", absorb(userId, guestToken).then(loadUser(userId)).flatMap(this::price)
                .map(cart -> new CartView(cart, null)));
    }

    /** The merge without an answer: what a signed-in call carrying a guest token does first. */
    public Mono<Void> absorb(UUID userId, String guestToken) {
        if (!CartTokens.wellFormed(guestToken)) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            AtomicBoolean merged = new AtomicBoolean();
            Mono<Void> work = store.take(guestId(guestToken))
                    .flatMap(guest -> mergeInto(userId, guestToken, guest, merged)
                            .onErrorResume(e -> e instanceof CurrencyMismatch || merged.get() ? Mono.error(e)
                                    // Failed before the merge script ran: the guest cart must not be lost.
                                    : store.restore(guestId(guestToken), properties.guestTtl(), guest).then(Mono.error(e))))
                    .then();
            // Runs to its end even if the client goes away: the guest cart was taken out of Redis already.
            return RunToEnd.of(work);
        });
    }

    private Mono<StoredCart> mergeInto(UUID userId, String guestToken, StoredCart guest, AtomicBoolean merged) {
        if (guest.lines().isEmpty() || guest.currency() == null) {
            return Mono.empty();
        }
        List<UUID> ids = guest.lines().stream().map(StoredCart.Line::variantId).toList();
        return variants.find(ids).zipWith(inventory.available(ids)).flatMap(found -> {
            List<MergeLine> lines = new ArrayList<>(guest.lines().size());
            for (StoredCart.Line line : guest.lines()) {
                VariantSnapshot variant = found.getT1().get(line.variantId());
                boolean buyable = variant != null && variant.purchasable()
                        && variant.price().currency().equals(guest.currency());
                int cap = buyable ? Math.min(properties.maxQuantity(), found.getT2().getOrDefault(line.variantId(), 0)) : 0;
                lines.add(new MergeLine(line.variantId(), line.quantity(), line.priceSeenMinor(), cap));
            }
            String id = CartStore.userCartId(userId);
            return onUserCart(userId, () -> store.merge(id, properties.userTtl(), properties.maxLines(), guest.currency(),
                    lines));
        }).doOnNext(outcome -> merged.set(outcome.status() != CartOutcome.CURRENCY_MISMATCH)).flatMap(outcome -> {
            if (outcome.status() == CartOutcome.CURRENCY_MISMATCH) {
                return store.restore(guestId(guestToken), properties.guestTtl(), guest)
                        .then(Mono.error(new CurrencyMismatch(outcome.cart().currency())));
            }
            return (outcome.status() == CartOutcome.CHANGED ? markDirty(userId).onErrorResume(e -> {
                        // Merged already; the next change of this cart marks it for PostgreSQL again.
                        org.slf4j.LoggerFactory.getLogger(CartService.class)
                                .warn("Merged cart of {} not marked for persistence: {}", userId, e.toString());
                        return Mono.empty();
                    }) : Mono.<Void>empty())
                    .thenReturn(outcome.cart());
        });
    }

    @Override
    public Mono<Cart> userCart(UUID userId) {
        return loadUser(userId).flatMap(this::price);
    }

    @Override
    public Mono<Cart> guestCart(String token) {
        return read(new CartOwner.Guest(token)).map(CartView::cart);
    }

    @Override
    public Mono<Void> removeOrdered(UUID userId, String guestToken, java.util.Collection<UUID> variantIds) {
        CartOwner owner = userId != null ? new CartOwner.User(userId) : new CartOwner.Guest(guestToken);
        if (owner instanceof CartOwner.Guest guest && guest.token() == null) {
            return Mono.empty();
        }
        return reactor.core.publisher.Flux.fromIterable(variantIds).concatMap(variant -> remove(owner, variant)).then();
    }

    @Override
    public Mono<Void> clearUserCart(UUID userId) {
        return clear(new CartOwner.User(userId)).then();
    }

    /**
     * Prices a stored cart now: the catalog's price, title and sale flag of every line (one batch, mostly
     * from {@link VariantSnapshots}) and inventory's available units (one Redis read per line).
     */
    Mono<Cart> price(StoredCart stored) {
        if (stored.lines().isEmpty()) {
            return Mono.just(EMPTY);
        }
        List<UUID> ids = stored.lines().stream().map(StoredCart.Line::variantId).toList();
        return variants.find(ids).zipWith(inventory.available(ids), (known, available) -> {
            String currency = stored.currency();
            List<CartLine> lines = new ArrayList<>(ids.size());
            long subtotal = 0;
            int units = 0;
            for (StoredCart.Line line : stored.lines()) {
                VariantSnapshot variant = known.get(line.variantId());
                int free = available.getOrDefault(line.variantId(), 0);
                units += line.quantity();
                Money seen = currency == null ? null : new Money(line.priceSeenMinor(), currency);
                if (variant == null) {
                    lines.add(new CartLine(line.variantId(), null, null, null, null, line.quantity(), null, null, seen,
                            false, free, false, true));
                    continue;
                }
                Money unit = variant.price();
                boolean sameCurrency = unit.currency().equals(currency);
                boolean unavailable = !variant.purchasable() || !sameCurrency;
                Money total = unavailable ? null : new Money(unit.amountMinor() * line.quantity(), unit.currency());
                if (total != null) {
                    subtotal += total.amountMinor();
                }
                lines.add(new CartLine(line.variantId(), variant.productId(), variant.sku(), variant.productTitle(),
                        variant.variantTitle(), line.quantity(), unit, total, seen,
                        sameCurrency && unit.amountMinor() != line.priceSeenMinor(), free,
                        !unavailable && line.quantity() > free, unavailable));
            }
            return new Cart(lines, units, currency, currency == null ? null : new Money(subtotal, currency));
        });
    }

    /** The user's cart in Redis, restored from PostgreSQL first (or started empty) when Redis has none. */
    Mono<StoredCart> loadUser(UUID userId) {
        String id = CartStore.userCartId(userId);
        return store.read(id, properties.userTtl())
                .switchIfEmpty(Mono.defer(() -> restore(userId).then(store.read(id, properties.userTtl()))))
                .defaultIfEmpty(StoredCart.empty(Instant.now()));
    }

    private Mono<Void> restore(UUID userId) {
        return queries.find(userId)
                .flatMap(saved -> store.restore(CartStore.userCartId(userId), properties.userTtl(), saved)
                        .doOnNext(written -> {
                            if (written) {
                                metrics.restored();
                            }
                        }))
                .switchIfEmpty(Mono.defer(() -> store.restore(CartStore.userCartId(userId), properties.userTtl(),
                        StoredCart.empty(Instant.now()))))
                .then();
    }

    /** Runs a script on the user's cart; when Redis has no such cart, restores it and runs the script again. */
    private Mono<Outcome> onUserCart(UUID userId, Supplier<Mono<Outcome>> script) {
        return script.get().flatMap(outcome -> outcome.status() != CartOutcome.MISSING ? Mono.just(outcome)
                : restore(userId).then(Mono.defer(script)));
    }

    private Mono<CartView> userChange(CartOwner.User user, Outcome outcome, UUID variantId, int available) {
        return settle(outcome, variantId, available)
                .flatMap(stored -> (outcome.status() == CartOutcome.CHANGED ? markDirty(user.userId()) : Mono.<Void>empty())
                        .then(price(stored)))
                .map(cart -> new CartView(cart, null));
    }

    private Mono<CartView> guestChange(String token, Outcome outcome, UUID variantId, int available) {
        return settle(outcome, variantId, available).flatMap(this::price).map(cart -> new CartView(cart, token));
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

    private Mono<Void> markDirty(UUID userId) {
        return store.markDirty(userId, Instant.now());
    }

    private Mono<VariantSnapshot> purchasable(UUID variantId) {
        return variants.find(variantId)
                .switchIfEmpty(Mono.error(() -> new VariantNotFound(variantId)))
                .flatMap(variant -> variant.purchasable() ? Mono.just(variant)
                        : Mono.error(new VariantUnavailable(variantId)));
    }

    private Mono<Integer> availableUnits(UUID variantId) {
        return inventory.available(List.of(variantId)).map(units -> units.getOrDefault(variantId, 0));
    }

    private java.time.Duration ttl(CartOwner owner) {
        return owner instanceof CartOwner.User ? properties.userTtl() : properties.guestTtl();
    }

    private static String guestId(String token) {
        return CartStore.guestCartId(token);
    }

    private InvalidInputException outOfRange(int min) {
        return new InvalidInputException("validation_failed", "The request body is invalid", List.of(
                new FieldViolation("quantity", "out_of_range",
                        "must be between " + min + " and " + properties.maxQuantity())));
    }

    /**
     * Counts the outcome. The operation runs to its end even if the caller disconnects: a change applied in
     * Redis must also be marked for PostgreSQL, or the write-behind copy would miss it.
     */
    private <T> Mono<T> measured(String operation, Mono<T> work) {
        return RunToEnd.of(work).doOnSuccess(ok -> metrics.operation(operation, "ok"))
                .doOnError(SurgeException.class, e -> metrics.operation(operation, e.code()));
    }
}
