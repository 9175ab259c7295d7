package dev.surge.cart;

import dev.surge.platform.persistence.Money;
import java.util.List;

/**
 * A cart priced now from the catalog, with availability from inventory. {@code subtotal} adds the lines
 * that can be bought (not {@code unavailable}); {@code currency} and {@code subtotal} are null while the
 * cart has no lines. A cart holds one currency: the first line's.
 */
public record Cart(List<CartLine> items, int itemCount, String currency, Money subtotal) {

    public Cart {
        items = List.copyOf(items);
    }
}
