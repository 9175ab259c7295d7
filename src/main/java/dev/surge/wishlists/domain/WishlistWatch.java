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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Turns stock and catalog changes into wishlist alerts, in the consumer's transaction (so the alert events and the
 * moved baselines commit with the record of the handled event): back in stock when inventory's available units go
 * from none to some, a price drop when the catalog's price falls below what the customer last saw. Each alert is
 * one event per customer and change; the notifications module sends the email.
 */
@Configuration(proxyBeanMethods = false)
class WishlistWatch {

    @Bean
    EventHandler<StockLevelChanged> wishlistStockWatch(WishlistQueries items, Outbox outbox) {
        return EventHandlers.of("wishlists.stock", InventoryEvents.TOPIC, StockLevelChanged.class, (event, metadata) -> {
            boolean inStock = event.available() > 0;
            return items.stockSeen(event.variantId(), inStock, event.version())
                    .filter(moved -> moved.alerts() && inStock && !moved.wasInStock())
                    .concatMap(moved -> outbox.append(new WishedVariantBackInStock(moved.userId(), event.variantId())))
                    .then();
        });
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
