package dev.surge.catalog;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The catalog's copy of how many units each variant has available, which drives the in-stock filter and
 * badges. Inventory owns stock and keeps this copy current; the catalog only shows it.
 */
public interface CatalogAvailability {

    /**
     * The units the catalog lists for a variant: what inventory adopts as on-hand stock the first time
     * it sees a variant created with an initial stock. Empty when the variant does not exist.
     */
    Mono<Integer> listedUnits(UUID variantId);

    /**
     * Records the units inventory says are available; when the figure changes, the product's cached
     * pages are invalidated. Must run inside the caller's transaction.
     */
    Mono<Void> recordAvailable(UUID variantId, int units);
}
