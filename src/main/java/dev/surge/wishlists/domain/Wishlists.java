package dev.surge.wishlists.domain;

import dev.surge.catalog.CatalogApi;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.inventory.InventoryApi;
import dev.surge.platform.security.Principals;
import dev.surge.wishlists.data.WishlistQueries;
import dev.surge.wishlists.data.WishlistQueries.ItemRow;
import dev.surge.wishlists.data.WishlistQueries.Seen;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A signed-in customer's wishlist: add (or change alerts of) a variant, list it priced now, remove one. */
@Service
public class Wishlists {

    /** The most variants one wishlist holds. */
    static final int MAX_ITEMS = 100;
    /** Catalog reads at once while pricing a list. */
    private static final int CONCURRENT_READS = 8;

    private final WishlistQueries items;
    private final CatalogApi catalog;
    private final InventoryApi inventory;

    Wishlists(WishlistQueries items, CatalogApi catalog, InventoryApi inventory) {
        this.items = items;
        this.catalog = catalog;
        this.inventory = inventory;
    }

    /** Adds the variant (or sets its alerts); what the customer sees now is the baseline of later alerts. */
    public Mono<WishlistItem> put(Principals caller, UUID variantId, boolean alerts) {
        return catalog.findVariant(variantId)
                .switchIfEmpty(Mono.error(WishlistErrors.VariantNotFound::new))
                .zipWhen(variant -> inventory.shownAvailable(List.of(variantId)))
                .flatMap(found -> {
                    VariantSnapshot variant = found.getT1();
                    boolean available = available(variant, found.getT2());
                    return items.put(caller.userId(), variantId, alerts, new Seen(variant.productId(),
                                    variant.price().amountMinor(), variant.price().currency(), available), MAX_ITEMS)
                            .filter(Boolean::booleanValue)
                            .switchIfEmpty(Mono.error(() -> new WishlistErrors.WishlistFull(MAX_ITEMS)))
                            .map(done -> item(variant, available, alerts, java.time.Instant.now()));
                });
    }

    /** The wishlist, newest first, each variant priced and checked now. */
    public Mono<List<WishlistItem>> list(Principals caller) {
        return items.items(caller.userId(), MAX_ITEMS).collectList().flatMap(rows -> {
            if (rows.isEmpty()) {
                return Mono.just(List.<WishlistItem>of());
            }
            List<UUID> ids = rows.stream().map(ItemRow::variantId).toList();
            return inventory.shownAvailable(ids).flatMap(units -> Flux.fromIterable(rows)
                    .flatMapSequential(row -> catalog.findVariant(row.variantId())
                            .map(variant -> item(variant, available(variant, units), row.alerts(), row.addedAt())),
                            CONCURRENT_READS)
                    .collectList());
        });
    }

    public Mono<Void> remove(Principals caller, UUID variantId) {
        return items.remove(caller.userId(), variantId).filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(WishlistErrors.ItemNotFound::new)).then();
    }

    private static boolean available(VariantSnapshot variant, Map<UUID, Integer> units) {
        return variant.purchasable() && units.getOrDefault(variant.variantId(), 0) > 0;
    }

    private static WishlistItem item(VariantSnapshot variant, boolean available, boolean alerts, java.time.Instant at) {
        return new WishlistItem(variant.variantId(), variant.productId(), variant.sku(), variant.productTitle(),
                variant.variantTitle(), variant.price(), available, alerts, at);
    }
}
