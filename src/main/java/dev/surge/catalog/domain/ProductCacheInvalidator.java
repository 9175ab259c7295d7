package dev.surge.catalog.domain;

import dev.surge.catalog.ProductChanged;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Drops a changed product's cached page, and every cached list, once the change is committed and relayed;
 * Redis is shared, so one instance evicting serves all.
 */
@Component
class ProductCacheInvalidator implements EventHandler<ProductChanged> {

    private final CatalogCaches cache;

    ProductCacheInvalidator(CatalogCaches cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "catalog.product-cache";
    }

    @Override
    public String topic() {
        return ProductChanged.TOPIC;
    }

    @Override
    public Class<ProductChanged> eventType() {
        return ProductChanged.class;
    }

    @Override
    public Mono<Void> handle(ProductChanged event, EventMetadata metadata) {
        return cache.productChanged(event.productId(), event.slugs());
    }
}
