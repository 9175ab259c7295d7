package dev.surge.orders.domain;

import dev.surge.cart.Cart;
import dev.surge.cart.CartApi;
import dev.surge.cart.CartLine;
import dev.surge.catalog.CatalogApi;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.identity.IdentityApi;
import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.SaleHold;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.ValidationFailed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a checkout orders, gathered before anything is reserved: the units asked for (the cart's, or the explicit
 * lines), the buyer's flash-sale holds taken over, the contact email, and every variant as the catalog has it.
 */
@Component
class Baskets {

    private final CatalogApi catalog;
    private final InventoryApi inventory;
    private final CartApi carts;
    private final IdentityApi identity;

    Baskets(CatalogApi catalog, InventoryApi inventory, CartApi carts, IdentityApi identity) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.carts = carts;
        this.identity = identity;
    }

    /**
     * What the order will hold; {@code units} are all units asked for, sale units included. {@code couponCode}: the
     * checkout's, else (ordering the cart) the one entered on the cart; null for none.
     */
    record Basket(Map<UUID, Integer> units, List<SaleHold> saleHolds, String email,
            Map<UUID, VariantSnapshot> variants, String couponCode) {
    }

    /** The units asked for and the code entered on the cart they came from. */
    private record Wanted(Map<UUID, Integer> units, String cartCoupon) {
    }

    /** The basket of a validated command; {@code nothing_to_order} when it is empty. */
    Mono<Basket> gather(Buyer buyer, CheckoutCommand command) {
        UUID customerId = buyer instanceof Buyer.Customer customer ? customer.userId() : null;
        boolean fromCart = command.lines() == null;
        Mono<Wanted> wanted = fromCart ? cartLines(buyer) : Mono.just(new Wanted(explicitLines(command), null));
        // Holds an order already took over are not listed. With explicit lines, only holds of the variants
        // asked for are taken, and no more of their units than asked; ordering the cart takes every hold (a
        // claim is an explicit wish to buy).
        Map<UUID, Integer> asked = fromCart ? null : explicitLines(command);
        Mono<List<SaleHold>> holds = customerId == null ? Mono.just(List.of())
                : inventory.saleHolds("user:" + customerId).collectList()
                        .map(all -> asked == null ? all : within(all, asked));
        // The token's address is the account's (it does not change while the account has sessions): no lookup.
        String known = command.email() != null ? command.email()
                : buyer instanceof Buyer.Customer customer ? customer.email() : null;
        Mono<String> email = known != null ? Mono.just(known)
                : identity.email(customerId).switchIfEmpty(Mono.error(() -> new ValidationFailed(
                        "An email address is required",
                        List.of(new FieldViolation("email", "required", "An email address is required")))));
        return Mono.zip(wanted, holds, email).flatMap(found -> {
            Map<UUID, Integer> units = found.getT1().units();
            String coupon = command.couponCode() != null ? command.couponCode() : found.getT1().cartCoupon();
            List<SaleHold> saleHolds = found.getT2();
            if (units.isEmpty() && saleHolds.isEmpty()) {
                return Mono.error(new OrderErrors.NothingToOrder(fromCart));
            }
            Set<UUID> variantIds = new LinkedHashSet<>();
            saleHolds.forEach(hold -> hold.reservation().lines().forEach(line -> variantIds.add(line.variantId())));
            variantIds.addAll(units.keySet());
            return Flux.fromIterable(variantIds)
                    .flatMap(id -> catalog.findVariant(id)
                            .switchIfEmpty(Mono.error(() -> new OrderErrors.UnknownVariant(id))), 8)
                    .collectMap(VariantSnapshot::variantId)
                    .map(variants -> new Basket(units, saleHolds, found.getT3(), variants, coupon));
        });
    }

    /**
     * The holds that fit in the units asked for, largest first (so one two-unit hold covers two units asked
     * rather than a one-unit hold and a catalog-priced unit): a hold is whole (its units were claimed
     * together), so one larger than what is left of its variant's quantity stays with the buyer, unordered.
     */
    static List<SaleHold> within(List<SaleHold> holds, Map<UUID, Integer> asked) {
        Map<UUID, Integer> left = new HashMap<>(asked);
        List<SaleHold> taken = new ArrayList<>();
        List<SaleHold> largestFirst = new ArrayList<>(holds);
        largestFirst.sort(Comparator.comparingInt((SaleHold hold) -> hold.reservation().lines().stream()
                .mapToInt(Reservation.Line::quantity).sum()).reversed());
        for (SaleHold hold : largestFirst) {
            Map<UUID, Integer> units = new HashMap<>();
            hold.reservation().lines().forEach(line -> units.merge(line.variantId(), line.quantity(), Integer::sum));
            if (units.entrySet().stream().allMatch(e -> left.getOrDefault(e.getKey(), 0) >= e.getValue())) {
                units.forEach((variant, quantity) -> left.merge(variant, -quantity, Integer::sum));
                taken.add(hold);
            }
        }
        return taken;
    }

    private Mono<Wanted> cartLines(Buyer buyer) {
        Mono<Cart> cart = buyer instanceof Buyer.Customer customer ? carts.userCart(customer.userId())
                : ((Buyer.Guest) buyer).cartToken() == null ? Mono.empty()
                        : carts.guestCart(((Buyer.Guest) buyer).cartToken());
        return cart.map(found -> {
            Map<UUID, Integer> units = new LinkedHashMap<>();
            for (CartLine line : found.items()) {
                if (line.unavailable()) {
                    throw new OrderErrors.NotPurchasable(line.sku() != null ? line.sku() : line.variantId().toString());
                }
                units.merge(line.variantId(), line.quantity(), Integer::sum);
            }
            return new Wanted(units, found.coupon() == null ? null : found.coupon().code());
        }).defaultIfEmpty(new Wanted(Map.of(), null));
    }

    private static Map<UUID, Integer> explicitLines(CheckoutCommand command) {
        Map<UUID, Integer> units = new LinkedHashMap<>();
        command.lines().forEach(line -> units.merge(line.variantId(), line.quantity(), Integer::sum));
        return units;
    }
}
