package dev.surge.orders.domain;

import dev.surge.cart.Cart;
import dev.surge.cart.CartApi;
import dev.surge.cart.CartLine;
import dev.surge.catalog.CatalogApi;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.identity.IdentityApi;
import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReserveStock;
import dev.surge.inventory.SaleHold;
import dev.surge.orders.OrderPlaced;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.config.OrdersProperties;
import dev.surge.orders.data.OrderQueries;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a cart (or explicit lines) into an order: prices every line on the server, takes over the
 * buyer's flash-sale holds at their sale price, reserves the rest all-or-nothing, then writes the order,
 * its lines, its reservations, its first history entry and {@link OrderPlaced} in one transaction. If
 * that transaction fails, the reservation is released. The caller's {@code Idempotency-Key} is stored
 * with the order under a unique constraint, so even a retry that the platform's replay store did not
 * catch (a crash between commit and storing the answer) finds the first order instead of making another.
 */
@Service
public class CheckoutService {

    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

    private final OrderQueries orders;
    private final CatalogApi catalog;
    private final InventoryApi inventory;
    private final CartApi carts;
    private final IdentityApi identity;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final OrdersProperties properties;
    private final OrderPricing pricing;

    CheckoutService(OrderQueries orders, CatalogApi catalog, InventoryApi inventory, CartApi carts, IdentityApi identity,
            Outbox outbox, TransactionalOperator tx, OrdersProperties properties) {
        this.orders = orders;
        this.catalog = catalog;
        this.inventory = inventory;
        this.carts = carts;
        this.identity = identity;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.pricing = new OrderPricing(new TaxPolicy(properties.tax()), new ShippingPolicy(properties.shipping()));
    }

    /** The order placed, with the guest's access token (shown once; null for customers and for a replay). */
    public record Placed(Order order, String guestToken, boolean existing) {
    }

    /**
     * Places the order, or answers the one this caller already placed under {@code idempotencyKey}. The key's
     * scope is the customer, or a guest's cart token, or (guests without a cart) their email, each hashed.
     */
    public Mono<Placed> checkout(Buyer buyer, CheckoutCommand command, String idempotencyKey) {
        CheckoutCommand valid;
        try {
            valid = validated(buyer, command);
        } catch (InvalidInputException e) {
            return Mono.error(e);
        }
        String scope = scope(buyer, valid);
        return orders.findByIdempotencyKey(scope, idempotencyKey)
                .flatMap(orders::withDetails)
                .map(order -> new Placed(order, null, true))
                .switchIfEmpty(Mono.defer(() -> place(buyer, valid, scope, idempotencyKey)));
    }

    private static String scope(Buyer buyer, CheckoutCommand command) {
        if (buyer instanceof Buyer.Customer customer) {
            return "user:" + customer.userId();
        }
        String cartToken = ((Buyer.Guest) buyer).cartToken();
        return cartToken != null ? "guest-cart:" + java.util.HexFormat.of().formatHex(OrderCodes.hash(cartToken))
                // another guest choosing the same key never sees this guest's order
                : "guest-email:" + java.util.HexFormat.of().formatHex(
                        OrderCodes.hash(command.email().toLowerCase(java.util.Locale.ROOT)));
    }

    private Mono<Placed> place(Buyer buyer, CheckoutCommand command, String scope, String key) {
        UUID customerId = buyer instanceof Buyer.Customer customer ? customer.userId() : null;
        boolean fromCart = command.lines() == null;
        Mono<Map<UUID, Integer>> wanted = fromCart ? cartLines(buyer) : Mono.just(explicitLines(command));
        // Holds an order already took over are not listed. With explicit lines, only holds of the variants
        // asked for are taken, and no more of their units than asked; ordering the cart takes every hold (a
        // claim is an explicit wish to buy).
        Map<UUID, Integer> asked = fromCart ? null : explicitLines(command);
        Mono<List<SaleHold>> holds = customerId == null ? Mono.just(List.of())
                : inventory.saleHolds("user:" + customerId).collectList()
                        .map(all -> asked == null ? all : within(all, asked));
        Mono<String> email = command.email() != null ? Mono.just(command.email())
                : identity.email(customerId).switchIfEmpty(Mono.error(() -> new InvalidInputException(
                        "validation_failed", "An email address is required",
                        List.of(new FieldViolation("email", "required", "An email address is required")))));
        return Mono.zip(wanted, holds, email).flatMap(found -> {
            Map<UUID, Integer> units = found.getT1();
            List<SaleHold> saleHolds = found.getT2();
            if (units.isEmpty() && saleHolds.isEmpty()) {
                return Mono.error(new OrderErrors.Unprocessable("nothing_to_order",
                        fromCart ? "The cart is empty" : "There is nothing to order"));
            }
            Set<UUID> variantIds = new LinkedHashSet<>();
            saleHolds.forEach(hold -> hold.reservation().lines().forEach(line -> variantIds.add(line.variantId())));
            variantIds.addAll(units.keySet());
            return Flux.fromIterable(variantIds)
                    .flatMap(id -> catalog.findVariant(id)
                            .switchIfEmpty(Mono.error(() -> new OrderErrors.Unprocessable("unknown_variant",
                                    "No variant " + id + " exists"))), 8)
                    .collectMap(VariantSnapshot::variantId)
                    .flatMap(variants -> reserveAndWrite(buyer, customerId, command, found.getT3(), units, saleHolds,
                            variants, scope, key, fromCart));
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
        largestFirst.sort(java.util.Comparator.comparingInt((SaleHold hold) -> hold.reservation().lines().stream()
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

    private Mono<Placed> reserveAndWrite(Buyer buyer, UUID customerId, CheckoutCommand command, String email,
            Map<UUID, Integer> units, List<SaleHold> saleHolds, Map<UUID, VariantSnapshot> variants, String scope,
            String key, boolean fromCart) {
        List<OrderPricing.Item> items = new ArrayList<>();
        Map<UUID, Integer> held = new LinkedHashMap<>();
        for (SaleHold hold : saleHolds) {
            for (Reservation.Line line : hold.reservation().lines()) {
                items.add(new OrderPricing.Item(variants.get(line.variantId()), line.quantity(), hold.unitPrice(),
                        hold.reservation().flashSaleId()));
                held.merge(line.variantId(), line.quantity(), Integer::sum);
            }
        }
        List<ReserveStock.Line> toReserve = new ArrayList<>();
        units.forEach((variantId, quantity) -> {
            VariantSnapshot variant = variants.get(variantId);
            if (!variant.purchasable()) {
                throw new OrderErrors.NotPurchasable(variant.sku());
            }
            int normal = quantity - held.getOrDefault(variantId, 0);
            if (normal > 0) {
                items.add(new OrderPricing.Item(variant, normal, variant.price(), null));
                toReserve.add(new ReserveStock.Line(variantId, normal));
            }
        });
        OrderPricing.Priced priced = pricing.price(items, command.shippingAddress());
        UUID orderId = Ids.newId();
        Mono<Reservation> reserved = toReserve.isEmpty() ? Mono.empty()
                : inventory.reserve(new ReserveStock("order:" + orderId, toReserve, properties.paymentWindow()));
        return reserved.map(List::of).defaultIfEmpty(List.of()).flatMap(normal -> {
            Instant now = Instant.now();
            Instant expiresAt = now.plus(properties.paymentWindow());
            List<UUID> reservations = new ArrayList<>();
            for (Reservation reservation : normal) {
                reservations.add(reservation.id());
                expiresAt = min(expiresAt, reservation.expiresAt());
            }
            for (SaleHold hold : saleHolds) {
                reservations.add(hold.reservation().id());
                expiresAt = min(expiresAt, hold.reservation().expiresAt());
            }
            String guestToken = customerId == null ? OrderCodes.newGuestToken() : null;
            OrderQueries.NewOrder order = new OrderQueries.NewOrder(orderId, OrderCodes.newNumber(), customerId, email,
                    guestToken == null ? null : OrderCodes.hash(guestToken), scope, key, priced.currency(),
                    priced.itemCount(), priced.subtotal(), priced.tax(), priced.shipping(), priced.total(),
                    priced.pricesIncludeTax(), priced.taxRate(), command.shippingAddress(),
                    command.billingAddress() != null ? command.billingAddress() : command.shippingAddress(), expiresAt,
                    now);
            Actor actor = customerId == null ? Actor.GUEST : new Actor(customerId, "CUSTOMER");
            List<UUID> claimed = saleHolds.stream().map(hold -> hold.reservation().id()).toList();
            return write(order, priced, reservations, claimed, actor)
                    .onErrorResume(e -> Flux.fromIterable(normal)
                            .concatMap(reservation -> inventory.release(reservation.id())
                                    .onErrorResume(released -> Mono.empty()))
                            .then(Mono.error(e)))
                    .onErrorResume(DataIntegrityViolationException.class, e -> duplicate(e, scope, key))
                    .flatMap(placed -> placed.existing() ? Mono.just(placed)
                            : orders.withDetails(placed.order()).map(full -> new Placed(full, guestToken, false)))
                    .flatMap(placed -> fromCart && !placed.existing() ? clearOrdered(buyer, placed) : Mono.just(placed));
        });
    }

    private Mono<Placed> write(OrderQueries.NewOrder order, OrderPricing.Priced priced, List<UUID> reservations,
            List<UUID> saleHolds, Actor actor) {
        List<OrderPlaced.Line> eventLines = priced.lines().stream()
                .map(line -> new OrderPlaced.Line(line.variantId(), line.merchantId(), line.quantity(), line.unitPrice()))
                .toList();
        Mono<Void> claims = Flux.fromIterable(saleHolds)
                .concatMap(hold -> inventory.claim(hold, "user:" + order.customerId(), "order:" + order.id())
                        .filter(Boolean::booleanValue)
                        .switchIfEmpty(Mono.error(OrderErrors.SaleHoldInUse::new)))
                .then();
        return claims.then(orders.insert(order))
                .then(Flux.fromIterable(priced.lines()).concatMap(line -> orders.insertLine(order.id(), line,
                        order.createdAt())).then())
                .then(Flux.fromIterable(reservations).concatMap(r -> orders.linkReservation(order.id(), r)).then())
                .then(orders.history(order.id(), null, OrderStatus.PENDING_PAYMENT, actor.id(), actor.role(), "checkout",
                        order.createdAt()))
                .then(outbox.append(new OrderPlaced(order.id(), order.number(), order.customerId(), order.email(),
                        new dev.surge.platform.persistence.Money(order.total(), order.currency()), eventLines,
                        order.expiresAt())))
                .then(orders.find(order.id()))
                .as(tx::transactional)
                .map(written -> new Placed(written, null, false));
    }

    /** A unique constraint refused the order: a concurrent retry with the same key won, or a hold is taken. */
    private Mono<Placed> duplicate(DataIntegrityViolationException e, String scope, String key) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("orders_idempotency")) {
            return orders.findByIdempotencyKey(scope, key).flatMap(orders::withDetails)
                    .map(order -> new Placed(order, null, true))
                    .switchIfEmpty(Mono.error(e));
        }
        if (message.contains("order_reservations_pkey")) {
            return Mono.error(new OrderErrors.SaleHoldInUse());
        }
        return Mono.error(e);
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

    private Mono<Map<UUID, Integer>> cartLines(Buyer buyer) {
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
            return units;
        }).defaultIfEmpty(Map.of());
    }

    private static Map<UUID, Integer> explicitLines(CheckoutCommand command) {
        Map<UUID, Integer> units = new LinkedHashMap<>();
        command.lines().forEach(line -> units.merge(line.variantId(), line.quantity(), Integer::sum));
        return units;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private CheckoutCommand validated(Buyer buyer, CheckoutCommand command) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.email() != null || buyer instanceof Buyer.Guest) {
            String email = command.email();
            if (email == null || email.isBlank()) {
                violations.add(new FieldViolation("email", "required", "Guests must give an email address"));
            } else if (email.length() > 254 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                violations.add(new FieldViolation("email", "invalid", "Not an email address"));
            }
        }
        if (command.shippingAddress() == null) {
            violations.add(new FieldViolation("shippingAddress", "required", "A shipping address is required"));
        } else {
            Addresses.check("shippingAddress", command.shippingAddress(), violations);
        }
        if (command.billingAddress() != null) {
            Addresses.check("billingAddress", command.billingAddress(), violations);
        }
        if (command.lines() != null) {
            if (command.lines().isEmpty()) {
                violations.add(new FieldViolation("lines", "required", "Leave lines out to order the cart, or name at least one"));
            }
            if (command.lines().size() > properties.maxLines()) {
                violations.add(new FieldViolation("lines", "too_many", "At most " + properties.maxLines() + " lines"));
            }
            for (int i = 0; i < command.lines().size() && i < properties.maxLines(); i++) {
                CheckoutCommand.Line line = command.lines().get(i);
                if (line == null || line.variantId() == null) {
                    violations.add(new FieldViolation("lines[" + i + "].variantId", "required", "A variant id is required"));
                }
                if (line == null || line.quantity() == null || line.quantity() < 1 || line.quantity() > 100) {
                    violations.add(new FieldViolation("lines[" + i + "].quantity", "out_of_range",
                            "Quantity must be between 1 and 100"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("validation_failed", "The checkout is not valid", violations);
        }
        List<CheckoutCommand.Line> lines = command.lines() == null ? null
                : command.lines().stream().sorted(Comparator.comparing(CheckoutCommand.Line::variantId)).toList();
        return new CheckoutCommand(command.email() == null ? null : command.email().trim(),
                Addresses.normalized(command.shippingAddress()),
                command.billingAddress() == null ? null : Addresses.normalized(command.billingAddress()), lines);
    }
}
