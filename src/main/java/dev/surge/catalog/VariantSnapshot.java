package dev.surge.catalog;

import dev.surge.platform.persistence.Money;
import java.util.UUID;

/**
 * A purchasable variant as other modules (cart, orders) see it: its current price, whether it is on sale,
 * and its shipping weight in grams (null when the merchant has not given one).
 */
public record VariantSnapshot(UUID variantId, UUID productId, UUID merchantId, String sku, String productTitle,
        String variantTitle, Money price, boolean purchasable, Integer weightGrams) {
}
