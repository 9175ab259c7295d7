package dev.surge.wishlists.domain;

import dev.surge.catalog.CatalogApi;
import dev.surge.catalog.ProductChanged;
import dev.surge.inventory.InventoryEvents;
import dev.surge.inventory.StockLevelChanged;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.events.Outbox;
import dev.surge.wishlists.WishedVariantBackInStock;
import dev.surge.wishlists.WishedVariantPriceDropped;
import dev.surge.wishlists.data.WishlistQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns stock and catalog changes into wishlist alerts, in the consumer's transaction (so the alert events and the
 * moved baselines commit with the record of the handled event): back in stock when inventory's available units go
 * from none to some, a price drop when the catalog's price falls below what the customer last saw. Each alert is
 * one event per customer and change; the notifications module sends the email.
 */
@Configuration(proxyBeanMethods = false)
class WishlistWatch {

    /**
     * Events that arrived together are applied as {@link #transitions} leaves them: a variant's run of events that
     * all say in stock (or all out of stock) moves an item as its newest one alone does, while a sold-out and back
     * inside one batch still moves it out and back in, and alerts.
     */
    @Bean
    EventHandler<StockLevelChanged> wishlistStockWatch(WishlistQueries items, Outbox outbox) {
        EventHandlers.Work<StockLevelChanged> one = (event, metadata) -> {
            boolean inStock = event.available() > 0;
            return items.stockSeen(event.variantId(), inStock, event.version())
                    .filter(moved -> moved.alerts() && inStock && !moved.wasInStock())
                    .concatMap(moved -> outbox.append(new WishedVariantBackInStock(moved.userId(), event.variantId())))
                    .then();
        };
        return EventHandlers.of("wishlists.stock", InventoryEvents.TOPIC, StockLevelChanged.class, one,
                (events, metadata) -> Flux.fromIterable(transitions(events)).concatMap(event -> one.handle(event, null))
                        .then());
    }

    /**
     * Each variant's events in their order, a run of consecutive events with the same in-stock state kept as its
     * newest one (the highest version: an item takes the run's state and that version, whichever of its events it
     * had seen, and hears of a change once).
     */
    static List<StockLevelChanged> transitions(List<StockLevelChanged> events) {
        Map<UUID, List<StockLevelChanged>> byVariant = new LinkedHashMap<>();
        for (StockLevelChanged event : events) {
            List<StockLevelChanged> runs = byVariant.computeIfAbsent(event.variantId(), v -> new ArrayList<>());
            StockLevelChanged last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && (last.available() > 0) == (event.available() > 0)) {
                runs.set(runs.size() - 1, event.version() > last.version() ? event : last);
            } else {
                runs.add(event);
            }
        }
        return byVariant.values().stream().flatMap(List::stream).toList();
    }

    @Bean
    EventHandler<ProductChanged> wishlistPriceWatch(WishlistQueries items, CatalogApi catalog, Outbox outbox) {
        return EventHandlers.of("wishlists.prices", ProductChanged.TOPIC, ProductChanged.class, (event, metadata) ->
                items.watchedVariants(event.productId())
                        .concatMap(variantId -> catalog.findVariant(variantId).flatMapMany(variant -> items
                                .priceSeen(variantId, variant.price().amountMinor(), variant.price().currency())
                                .filter(moved -> moved.alerts() && variant.price().amountMinor() < moved.wasPriceMinor())
                                .concatMap(moved -> outbox.append(new WishedVariantPriceDropped(moved.userId(),
                                        variantId, moved.wasPriceMinor(), variant.price().amountMinor(),
                                        variant.price().currency())))))
                        .then(Mono.empty()));
    }
}
