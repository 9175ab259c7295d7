package dev.surge.orders.domain;

import dev.surge.cart.CartApi;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReserveStock;
import dev.surge.inventory.SaleHold;
import dev.surge.orders.OrderPlaced;
import dev.surge.orders.config.OrdersProperties;
import dev.surge.orders.data.OrderQueries;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.persistence.Ids;
import dev.surge.promotions.Basket;
import dev.surge.promotions.BasketLine;
import dev.surge.promotions.Discounts;
import dev.surge.promotions.PromotionsApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Turns a cart (or explicit lines) into an order: prices every line on the server, takes over the
 * buyer's flash-sale holds at their sale price, and in one transaction reserves the rest all-or-nothing and
 * writes the order, its lines, its reservations, its first history entry and {@link OrderPlaced} (the stock rows
 * last: see {@code InventoryApi.reserve}). If that transaction fails, nothing of it stays and the Redis grants are
 * given back. The caller's {@code Idempotency-Key} is stored
 * with the order under a unique constraint, so even a retry that the platform's replay store did not
 * catch (a crash between commit and storing the answer) finds the first order instead of making another.
 */
@Service
public class CheckoutService {

    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

    private final Baskets baskets;
    private final CheckoutWriter writer;
    private final InventoryApi inventory;
    private final CartApi carts;
    private final OrdersProperties properties;
    private final OrderPricing pricing;
    private final PromotionsApi promotions;

    CheckoutService(Baskets baskets, CheckoutWriter writer, InventoryApi inventory, CartApi carts,
            OrdersProperties properties, PromotionsApi promotions) {
        this.baskets = baskets;
        this.writer = writer;
        this.inventory = inventory;
        this.carts = carts;
        this.properties = properties;
        this.promotions = promotions;
        this.pricing = new OrderPricing(new TaxPolicy(properties.tax()), new ShippingPolicy(properties.shipping()));
    }

    /** The order placed, with the guest's access token (shown once; null for customers and for a replay). */
    public record Placed(Order order, String guestToken, boolean existing) {
    }

    /** One checkout under way: who, what they asked (validated), and the idempotency key with its scope. */
    private record Attempt(Buyer buyer, CheckoutCommand command, String scope, String key) {

        UUID customerId() {
            return buyer instanceof Buyer.Customer customer ? customer.userId() : null;
        }

        boolean fromCart() {
            return command.lines() == null;
        }

        /** Whose uses a per-customer limit counts: the account, or a guest's email (lower case, hashed: not stored). */
        String customerKey(String email) {
            UUID customer = customerId();
            return customer != null ? "user:" + customer
                    : "email:" + HexFormat.of().formatHex(OrderCodes.hash(email.toLowerCase(Locale.ROOT)));
        }
    }

    /** The priced lines and the units still to reserve (those not covered by a sale hold). */
    private record Plan(List<OrderPricing.Item> items, List<ReserveStock.Line> toReserve) {
    }

    /**
     * Places the order, or answers the one this caller already placed under {@code idempotencyKey}. The key's
     * scope is the customer, or a guest's cart token, or (guests without a cart) their email, each hashed.
     * {@code firstUse}: the platform remembers no earlier request under the key ({@code Idempotency.firstUse}), so
     * the order is placed without looking for one first. Should one exist all the same (its key given back after the
     * order committed, or forgotten), the order's unique key finds it, and so does any refusal on the way: a retry
     * always gets its order, never "out of stock" for the units it holds.
     */
    public Mono<Placed> checkout(Buyer buyer, CheckoutCommand command, String idempotencyKey, boolean firstUse) {
        CheckoutCommand valid;
        try {
            valid = CheckoutValidation.validated(buyer, command, properties.maxLines());
        } catch (InvalidInputException e) {
            return Mono.error(e);
        }
        Attempt attempt = new Attempt(buyer, valid, scope(buyer, valid), idempotencyKey);
        Mono<Placed> place = Mono.defer(() -> baskets.gather(buyer, valid).flatMap(basket -> reserveAndWrite(attempt,
                basket)));
        if (firstUse) {
            return place.onErrorResume(e -> writer.existing(attempt.scope(), idempotencyKey)
                    .switchIfEmpty(Mono.error(e)));
        }
        return writer.existing(attempt.scope(), idempotencyKey).switchIfEmpty(place);
    }

    private static String scope(Buyer buyer, CheckoutCommand command) {
        if (buyer instanceof Buyer.Customer customer) {
            return "user:" + customer.userId();
        }
        String cartToken = ((Buyer.Guest) buyer).cartToken();
        return cartToken != null ? "guest-cart:" + HexFormat.of().formatHex(OrderCodes.hash(cartToken))
                // another guest choosing the same key never sees this guest's order
                : "guest-email:" + HexFormat.of().formatHex(OrderCodes.hash(command.email().toLowerCase(Locale.ROOT)));
    }

    /** Sale units at their hold's price, the rest at the catalog's; refuses a variant that is not for sale. */
    private static Plan plan(Baskets.Basket basket) {
        List<OrderPricing.Item> items = new ArrayList<>();
        Map<UUID, Integer> held = new LinkedHashMap<>();
        for (SaleHold hold : basket.saleHolds()) {
            for (Reservation.Line line : hold.reservation().lines()) {
                items.add(new OrderPricing.Item(basket.variants().get(line.variantId()), line.quantity(),
                        hold.unitPrice(), hold.reservation().flashSaleId()));
                held.merge(line.variantId(), line.quantity(), Integer::sum);
            }
        }
        List<ReserveStock.Line> toReserve = new ArrayList<>();
        basket.units().forEach((variantId, quantity) -> {
            VariantSnapshot variant = basket.variants().get(variantId);
            if (!variant.purchasable()) {
                throw new OrderErrors.NotPurchasable(variant.sku());
            }
            int normal = quantity - held.getOrDefault(variantId, 0);
            if (normal > 0) {
                items.add(new OrderPricing.Item(variant, normal, variant.price(), null));
                toReserve.add(new ReserveStock.Line(variantId, normal));
            }
        });
        return new Plan(items, toReserve);
    }

    /**
     * Prices the order without promotions (for the shipping a free-shipping promotion would save), asks promotions
     * for the discounts now (a code that does not apply fails here, before anything is held), then reserves and
     * writes the order priced with them.
     */
    private Mono<Placed> reserveAndWrite(Attempt attempt, Baskets.Basket basket) {
        Plan plan = plan(basket);
        OrderPricing.Priced gross = pricing.price(plan.items(), attempt.command().shippingAddress());
        List<BasketLine> lines = new ArrayList<>(gross.lines().size());
        for (OrderLine line : gross.lines()) {
            lines.add(new BasketLine(line.variantId(), line.productId(), line.merchantId(),
                    basket.variants().get(line.variantId()).categoryId(), line.quantity(),
                    line.lineTotal().amountMinor(), line.flashSaleId() == null));
        }
        String customerKey = attempt.customerKey(basket.email());
        return promotions.quote(new Basket(gross.currency(), lines, gross.shipping()), basket.couponCode(), customerKey)
                .flatMap(discounts -> reserveAndWrite(attempt, basket, plan, discounts));
    }

    private Mono<Placed> reserveAndWrite(Attempt attempt, Baskets.Basket basket, Plan plan, Discounts discounts) {
        CheckoutCommand command = attempt.command();
        OrderPricing.Priced priced = pricing.price(plan.items(), command.shippingAddress(), discounts.lineDiscounts(),
                discounts.freeShipping());
        UUID orderId = Ids.newId();
        String couponCode = discounts.coupon() != null && discounts.coupon().applied() ? discounts.coupon().code() : null;
        Mono<Void> redeem = Mono.defer(() -> promotions.redeem(orderId, attempt.customerKey(basket.email()),
                priced.currency(), discounts));
        UUID customerId = attempt.customerId();
        String guestToken = customerId == null ? OrderCodes.newGuestToken() : null;
        Function<List<Reservation>, Mono<Placed>> write = normal -> {
            // At PostgreSQL's precision: the answer is built from these values, not read back.
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            Instant expiresAt = now.plus(properties.paymentWindow());
            List<UUID> reservations = new ArrayList<>();
            for (Reservation reservation : normal) {
                reservations.add(reservation.id());
                expiresAt = min(expiresAt, reservation.expiresAt());
            }
            for (SaleHold hold : basket.saleHolds()) {
                reservations.add(hold.reservation().id());
                expiresAt = min(expiresAt, hold.reservation().expiresAt());
            }
            OrderQueries.NewOrder order = new OrderQueries.NewOrder(orderId, OrderCodes.newNumber(), customerId,
                    basket.email(), guestToken == null ? null : OrderCodes.hash(guestToken), attempt.scope(),
                    attempt.key(), priced.currency(), priced.itemCount(), priced.subtotal(), priced.tax(),
                    priced.shipping(), priced.total(), priced.pricesIncludeTax(), priced.taxRate(),
                    command.shippingAddress(),
                    command.billingAddress() != null ? command.billingAddress() : command.shippingAddress(), expiresAt,
                    now, priced.discount(), couponCode);
            Actor actor = customerId == null ? Actor.GUEST : new Actor(customerId, "CUSTOMER");
            List<UUID> claimed = basket.saleHolds().stream().map(hold -> hold.reservation().id()).toList();
            return writer.write(order, priced, reservations, claimed, actor, redeem);
        };
        // The units not held by a sale are reserved in the order's transaction: both commit or neither.
        Mono<Placed> written = plan.toReserve().isEmpty() ? write.apply(List.of())
                : inventory.reserve(new ReserveStock("order:" + orderId, plan.toReserve(), properties.paymentWindow()),
                        reservation -> write.apply(List.of(reservation)));
        return written
                .onErrorResume(DataIntegrityViolationException.class,
                        e -> writer.duplicate(e, attempt.scope(), attempt.key()))
                .map(placed -> placed.existing() ? placed : new Placed(placed.order(), guestToken, false))
                .flatMap(placed -> attempt.fromCart() && !placed.existing() ? clearOrdered(attempt.buyer(), placed)
                        : Mono.just(placed));
    }

    private Mono<Placed> clearOrdered(Buyer buyer, Placed placed) {
        List<UUID> variants = placed.order().lines().stream().map(OrderLine::variantId).distinct().toList();
        UUID userId = buyer instanceof Buyer.Customer customer ? customer.userId() : null;
        String token = buyer instanceof Buyer.Guest guest ? guest.cartToken() : null;
        return carts.removeOrdered(userId, token, variants)
                .onErrorResume(e -> {
                    log.warn("Order {} placed, but its lines could not be removed from the cart: {}",
                            placed.order().number(), e.toString());
                    return Mono.empty();
                })
                .thenReturn(placed);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
