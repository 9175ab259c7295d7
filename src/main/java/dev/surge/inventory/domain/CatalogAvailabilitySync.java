package dev.surge.inventory.domain;

import dev.surge.catalog.CatalogAvailability;
import dev.surge.inventory.InventoryEvents;
import dev.surge.inventory.StockLevelChanged;
import dev.surge.inventory.data.StockQueries;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the catalog's in-stock figures current. It reads the stock row as it is now rather than trusting
 * the event's levels, so events that arrive late or twice cannot write an old figure.
 */
@Component
class CatalogAvailabilitySync implements EventHandler<StockLevelChanged> {

    private final StockQueries stock;
    private final CatalogAvailability catalog;

    CatalogAvailabilitySync(StockQueries stock, CatalogAvailability catalog) {
        this.stock = stock;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "inventory.catalog-availability";
    }

    @Override
    public String topic() {
        return InventoryEvents.TOPIC;
    }

    @Override
    public Class<StockLevelChanged> eventType() {
        return StockLevelChanged.class;
    }

    @Override
    public Mono<Void> handle(StockLevelChanged event, EventMetadata metadata) {
        return stock.find(event.variantId()).flatMap(row -> catalog.recordAvailable(row.variantId(), row.available()));
    }
}
