package dev.surge.reporting.sales.domain;

import dev.surge.catalog.CatalogApi;
import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrdersApi;
import dev.surge.reporting.sales.data.CheckoutCounts;
import dev.surge.reporting.sales.data.SalesFactWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps an order's facts in step with the order: on any of its events, reads the order as it is now
 * ({@link OrdersApi#details}, and the catalog for each line's product and category) and puts its facts in place of
 * the old ones. Reading the current state instead of adding up event deltas is what makes a redelivered, repeated
 * or late event harmless: the same order gives the same facts.
 */
@Component
public class SalesFeed {

    private final OrdersApi orders;
    private final CatalogApi catalog;
    private final SalesFactWriter writer;
    private final CheckoutCounts checkouts;
    private final SalesMeters meters;

    SalesFeed(OrdersApi orders, CatalogApi catalog, SalesFactWriter writer, CheckoutCounts checkouts,
            SalesMeters meters) {
        this.orders = orders;
        this.catalog = catalog;
        this.writer = writer;
        this.checkouts = checkouts;
        this.meters = meters;
    }

    /** Brings the order's facts up to date (none while it is not paid). */
    public Mono<Void> refresh(UUID orderId) {
        return orders.details(orderId)
                .flatMap(order -> placements(order)
                        .flatMap(placements -> writer.replace(orderId, SalesFacts.of(order, placements))))
                .onErrorResume(dev.surge.platform.errors.NotFoundException.class, e -> Mono.empty());
    }

    /** Counts a paid order on the business meters, then refreshes its facts. */
    public Mono<Void> paid(UUID orderId, dev.surge.platform.persistence.Money amount) {
        return refresh(orderId).doOnSuccess(done -> meters.paid(amount));
    }

    /**
     * Counts a checkout (once per order) on the day its order was written and, when it is new, on the business
     * meters. The event says when; one written before it did is dated by the order.
     */
    public Mono<Void> placed(dev.surge.orders.OrderPlaced event) {
        Mono<java.time.Instant> placedAt = event.placedAt() != null ? Mono.just(event.placedAt())
                : orders.details(event.orderId()).map(OrderDetails::createdAt);
        return placedAt
                .flatMap(at -> checkouts.checkout(event.orderId(), event.total().currency(),
                        java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), event.customerId()))
                .doOnNext(fresh -> {
                    if (fresh) {
                        meters.placed(event.total());
                    }
                })
                .onErrorResume(dev.surge.platform.errors.NotFoundException.class, e -> Mono.empty())
                .then();
    }

    /**
     * {@link #placed} for checkouts that arrived together: those whose event says when are counted by one statement,
     * the others (events written before they did) one by one.
     */
    public Mono<Void> placedAll(List<dev.surge.orders.OrderPlaced> events) {
        List<dev.surge.orders.OrderPlaced> dated = events.stream().filter(event -> event.placedAt() != null).toList();
        List<CheckoutCounts.Checkout> counted = dated.stream().map(event -> new CheckoutCounts.Checkout(
                event.orderId(), event.total().currency(), java.time.LocalDate.ofInstant(event.placedAt(),
                java.time.ZoneOffset.UTC), event.customerId())).toList();
        return checkouts.checkouts(counted)
                .doOnNext(fresh -> dated.stream().filter(event -> fresh.contains(event.orderId()))
                        .forEach(event -> meters.placed(event.total())))
                .thenMany(Flux.fromIterable(events).filter(event -> event.placedAt() == null).concatMap(this::placed))
                .then();
    }

    private Mono<Map<UUID, SalesFacts.Placement>> placements(OrderDetails order) {
        return Flux.fromIterable(order.lines()).map(OrderDetails.Line::variantId).distinct()
                .concatMap(variant -> catalog.findVariant(variant)
                        .map(snapshot -> Map.entry(variant, new SalesFacts.Placement(snapshot.productId(),
                                snapshot.categoryId()))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
