package dev.surge.catalog;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** What other modules may ask the catalog. */
public interface CatalogApi {

    /** The variant with its live price; empty when no such variant exists. */
    Mono<VariantSnapshot> findVariant(UUID variantId);
}
