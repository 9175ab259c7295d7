package dev.surge.cart;

import java.time.LocalDate;
import java.util.Map;

/**
 * Carts started and carts given their first line, as this instance counted them, for the carts report. A cart is
 * <em>started</em> when a line goes into a cart that holds none (a new cart, or one emptied since it last held lines:
 * by a checkout, by clearing or by removing its last line), or when a signed-in customer's cart is made empty
 * because neither Redis nor PostgreSQL has one; it <em>has items</em> at the first line of each start. The cart
 * scripts decide this in the change itself (no other read or write on the cart path); the counts stay in this
 * instance's memory until the reporting module copies them to PostgreSQL, so what an instance counted in its last
 * seconds before it crashed is lost.
 */
public interface CartActivity {

    /** This instance's counts since it started, per UTC day, for the last {@link #DAYS_KEPT} days. */
    Map<LocalDate, Counts> counts();

    int DAYS_KEPT = 7;

    record Counts(long started, long withItems) {
    }
}
