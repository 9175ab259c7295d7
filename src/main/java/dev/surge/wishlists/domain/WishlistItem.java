package dev.surge.wishlists.domain;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A wished variant as its customer sees it now: the current price from the catalog, and whether it can be bought
 * (on sale and with units available, from inventory). {@code alerts}: email when it is back in stock or cheaper.
 */
public record WishlistItem(UUID variantId, UUID productId, String sku, String productTitle, String variantTitle,
        Money price, boolean available, boolean alerts, Instant addedAt) {
}
