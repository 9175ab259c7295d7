package dev.surge.catalog.domain;

import dev.surge.catalog.CategoryChanged;
import dev.surge.catalog.ProductChanged;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Drops the cached category tree, every cached list and the pages of the category's products after a category change. */
@Component
class CategoryCacheInvalidator implements EventHandler<CategoryChanged> {

    private final CatalogCaches cache;

    CategoryCacheInvalidator(CatalogCaches cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "catalog.category-cache";
    }

    @Override
    public String topic() {
        return ProductChanged.TOPIC;
    }

    @Override
    public Class<CategoryChanged> eventType() {
        return CategoryChanged.class;
    }

    @Override
    public Mono<Void> handle(CategoryChanged event, EventMetadata metadata) {
        return cache.categoryChanged(event.categoryId());
    }
}
