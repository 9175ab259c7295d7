package dev.surge.inventory.domain;

import dev.surge.catalog.CatalogAvailability;
import dev.surge.inventory.InventoryEvents;
import dev.surge.inventory.StockLevelChanged;
import dev.surge.inventory.data.StockQueries;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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
        return sync(event.variantId());
    }

    /** Each variant once: a best seller's burst of changes ends where its stock row is now, which one read gives. */
    @Override
    public Mono<Void> handleAll(List<StockLevelChanged> events, List<EventMetadata> metadata) {
        return Flux.fromIterable(events).map(StockLevelChanged::variantId).distinct().concatMap(this::sync).then();
    }

    private Mono<Void> sync(UUID variantId) {
        return stock.find(variantId).flatMap(row -> catalog.recordAvailable(row.variantId(), row.available()));
    }
}
