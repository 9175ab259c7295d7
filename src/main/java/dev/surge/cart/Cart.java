package dev.surge.cart;

import dev.surge.platform.persistence.Money;
import dev.surge.promotions.AppliedPromotion;
import dev.surge.promotions.CouponStatus;
import java.util.List;

/**
 * A cart priced now from the catalog, with availability from inventory and the promotions that apply. {@code subtotal}
 * adds the lines that can be bought (not {@code unavailable}) at their full prices; {@code discount} is what
 * promotions take off them, {@code total} what is left (shipping and tax come at checkout, which prices everything
 * again); {@code freeShipping}: a promotion makes shipping free. {@code coupon}: the code entered and whether it
 * applies, or why not; null when none was entered. {@code currency}, {@code subtotal}, {@code discount} and
 * {@code total} are null while the cart has no lines. A cart holds one currency: the first line's.
 */
public record Cart(List<CartLine> items, int itemCount, String currency, Money subtotal, Money discount, Money total,
        boolean freeShipping, List<AppliedPromotion> promotions, CouponStatus coupon) {

    public Cart {
        items = List.copyOf(items);
        promotions = List.copyOf(promotions);
    }

    /** A cart without promotions. */
    public Cart(List<CartLine> items, int itemCount, String currency, Money subtotal) {
        this(items, itemCount, currency, subtotal, currency == null ? null : new Money(0, currency), subtotal, false,
                List.of(), null);
    }
}
