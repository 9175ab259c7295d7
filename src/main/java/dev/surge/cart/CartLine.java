package dev.surge.cart;

import dev.surge.platform.persistence.Money;
import java.util.UUID;

/**
 * One variant in a cart. {@code unitPrice} is the catalog's price now; {@code priceWhenAdded} the price the
 * customer saw when the line was last added or changed, and {@code priceChanged} says they differ.
 * {@code available} is what inventory could hold right now; {@code insufficientStock}: the quantity is
 * above it. {@code unavailable}: the variant is gone, not for sale, or now priced in another currency than
 * the cart; such a line has no line total and does not count in the subtotal (its prices and titles are
 * null when the variant is gone). {@code discount}: what promotions take off the line total (null on such a line).
 */
public record CartLine(UUID variantId, UUID productId, String sku, String productTitle, String variantTitle,
        int quantity, Money unitPrice, Money lineTotal, Money priceWhenAdded, boolean priceChanged, int available,
        boolean insufficientStock, boolean unavailable, Money discount) {

    public CartLine(UUID variantId, UUID productId, String sku, String productTitle, String variantTitle,
            int quantity, Money unitPrice, Money lineTotal, Money priceWhenAdded, boolean priceChanged, int available,
            boolean insufficientStock, boolean unavailable) {
        this(variantId, productId, sku, productTitle, variantTitle, quantity, unitPrice, lineTotal, priceWhenAdded,
                priceChanged, available, insufficientStock, unavailable, null);
    }

    /** The line with what promotions take off it. */
    public CartLine withDiscount(Money off) {
        return new CartLine(variantId, productId, sku, productTitle, variantTitle, quantity, unitPrice, lineTotal,
                priceWhenAdded, priceChanged, available, insufficientStock, unavailable, off);
    }
}
