package dev.surge.catalog;

import dev.surge.platform.persistence.Money;
import java.util.UUID;

/**
 * A purchasable variant as other modules (cart, orders) see it: its current price, whether it is on sale,
 * its shipping weight in grams (null when the merchant has not given one), and its product's category (for
 * promotions scoped to categories; null when not known).
 */
public record VariantSnapshot(UUID variantId, UUID productId, UUID merchantId, String sku, String productTitle,
        String variantTitle, Money price, boolean purchasable, Integer weightGrams, UUID categoryId) {

    public VariantSnapshot(UUID variantId, UUID productId, UUID merchantId, String sku, String productTitle,
            String variantTitle, Money price, boolean purchasable, Integer weightGrams) {
        this(variantId, productId, merchantId, sku, productTitle, variantTitle, price, purchasable, weightGrams, null);
    }
}
