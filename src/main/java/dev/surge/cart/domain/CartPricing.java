package dev.surge.cart.domain;

import dev.surge.cart.Cart;
import dev.surge.cart.CartLine;
import dev.surge.cart.config.CartProperties;
import dev.surge.cart.data.CartStore.MergeLine;
import dev.surge.cart.data.StoredCart;
import dev.surge.cart.domain.CartErrors.VariantNotFound;
import dev.surge.cart.domain.CartErrors.VariantUnavailable;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.inventory.InventoryApi;
import dev.surge.platform.persistence.Money;
import dev.surge.promotions.Basket;
import dev.surge.promotions.BasketLine;
import dev.surge.promotions.Discounts;
import dev.surge.promotions.PromotionsApi;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the catalog and inventory say about a cart's variants now: prices, titles and sale flags (one
 * batch, mostly from {@link VariantSnapshots}) and available units (one Redis read per variant, or this
 * instance's figure of the last second: {@code InventoryApi#shownAvailable}). Every cart answer is priced here,
 * never from what a client sent; caps on what a cart may hold read the counters themselves.
 */
@Component
class CartPricing {

    static final Cart EMPTY = new Cart(List.of(), 0, null, null);

    private final VariantSnapshots variants;
    private final InventoryApi inventory;
    private final CartProperties properties;
    private final PromotionsApi promotions;

    CartPricing(VariantSnapshots variants, InventoryApi inventory, CartProperties properties, PromotionsApi promotions) {
        this.variants = variants;
        this.inventory = inventory;
        this.properties = properties;
        this.promotions = promotions;
    }

    /** A cart priced before promotions, with the basket promotions see (the buyable lines, by their index in the cart). */
    private record Priced(Cart cart, List<BasketLine> basket, List<Integer> positions) {
    }

    /**
     * Prices a stored cart now, with the promotions that apply ({@link PromotionsApi#preview}: this instance's copy of
     * the live promotions, no I/O when there is nothing to apply).
     */
    Mono<Cart> price(StoredCart stored) {
        if (stored.lines().isEmpty()) {
            return Mono.just(EMPTY);
        }
        return priceLines(stored).flatMap(priced -> priced.basket().isEmpty() && stored.coupon() == null
                ? Mono.just(priced.cart())
                : promotions.preview(new Basket(priced.cart().currency(), priced.basket(), 0), stored.coupon())
                        .map(discounts -> discounted(priced, discounts)));
    }

    private static Cart discounted(Priced priced, Discounts discounts) {
        Cart cart = priced.cart();
        if (!discounts.any() && discounts.coupon() == null) {
            return cart;
        }
        List<CartLine> lines = new ArrayList<>(cart.items());
        for (int i = 0; i < priced.positions().size(); i++) {
            int at = priced.positions().get(i);
            lines.set(at, lines.get(at).withDiscount(new Money(discounts.lineDiscounts().get(i), cart.currency())));
        }
        long off = discounts.linesDiscountMinor();
        Money subtotal = cart.subtotal();
        return new Cart(lines, cart.itemCount(), cart.currency(), subtotal,
                subtotal == null ? null : new Money(off, cart.currency()),
                subtotal == null ? null : new Money(subtotal.amountMinor() - off, cart.currency()),
                discounts.freeShipping(), discounts.applied(), discounts.coupon());
    }

    private Mono<Priced> priceLines(StoredCart stored) {
        List<UUID> ids = stored.lines().stream().map(StoredCart.Line::variantId).toList();
        return variants.find(ids).zipWith(inventory.shownAvailable(ids), (known, available) -> {
            String currency = stored.currency();
            List<CartLine> lines = new ArrayList<>(ids.size());
            List<BasketLine> basket = new ArrayList<>(ids.size());
            List<Integer> positions = new ArrayList<>(ids.size());
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
                    positions.add(lines.size());
                    basket.add(new BasketLine(variant.variantId(), variant.productId(), variant.merchantId(),
                            variant.categoryId(), line.quantity(), total.amountMinor(), true));
                }
                lines.add(new CartLine(line.variantId(), variant.productId(), variant.sku(), variant.productTitle(),
                        variant.variantTitle(), line.quantity(), unit, total, seen,
                        sameCurrency && unit.amountMinor() != line.priceSeenMinor(), free,
                        !unavailable && line.quantity() > free, unavailable));
            }
            return new Priced(new Cart(lines, units, currency, currency == null ? null : new Money(subtotal, currency)),
                    basket, positions);
        });
    }

    /**
     * The guest cart's lines as they may be merged now: each with the most units its merged line may hold
     * (the per-line cap and the units available), 0 when it cannot be bought in the guest cart's currency.
     */
    Mono<List<MergeLine>> mergeLines(StoredCart guest) {
        List<UUID> ids = guest.lines().stream().map(StoredCart.Line::variantId).toList();
        return variants.find(ids).zipWith(inventory.available(ids), (known, available) -> {
            List<MergeLine> lines = new ArrayList<>(guest.lines().size());
            for (StoredCart.Line line : guest.lines()) {
                VariantSnapshot variant = known.get(line.variantId());
                boolean buyable = variant != null && variant.purchasable()
                        && variant.price().currency().equals(guest.currency());
                int cap = buyable ? Math.min(properties.maxQuantity(), available.getOrDefault(line.variantId(), 0)) : 0;
                lines.add(new MergeLine(line.variantId(), line.quantity(), line.priceSeenMinor(), cap));
            }
            return lines;
        });
    }

    /** The variant, if it can be bought now; {@link VariantNotFound} or {@link VariantUnavailable} if not. */
    Mono<VariantSnapshot> purchasable(UUID variantId) {
        return variants.find(variantId)
                .switchIfEmpty(Mono.error(() -> new VariantNotFound(variantId)))
                .flatMap(variant -> variant.purchasable() ? Mono.just(variant)
                        : Mono.error(new VariantUnavailable(variantId)));
    }

    Mono<Integer> availableUnits(UUID variantId) {
        return inventory.available(List.of(variantId)).map(units -> units.getOrDefault(variantId, 0));
    }
}
