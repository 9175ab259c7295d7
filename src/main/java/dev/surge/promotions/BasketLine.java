package dev.surge.promotions;

import java.util.UUID;

/**
 * One line of a cart or an order as promotions price it: what it is (for the scope), its amount before any discount
 * (units at the unit price, minor units), and whether a discount may touch it (flash-sale units may not).
 */
public record BasketLine(UUID variantId, UUID productId, UUID merchantId, UUID categoryId, int quantity,
        long amountMinor, boolean discountable) {
}
