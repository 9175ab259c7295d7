package dev.surge.cart.data;

/**
 * What a cart script answered, read from the bare number it returns (see {@code redis/cart/reply.lua}).
 * The refusals leave the cart unchanged.
 */
public enum CartOutcome {
    CHANGED,
    UNCHANGED,
    /** No such cart in Redis. */
    MISSING,
    CURRENCY_MISMATCH,
    OVER_MAX_QUANTITY,
    INSUFFICIENT_STOCK,
    CART_FULL,
    NO_SUCH_LINE;

    /** The outcome a script's status number stands for; the one place that knows the numbers. */
    public static CartOutcome of(long status) {
        return switch ((int) status) {
            case 1 -> CHANGED;
            case 0 -> UNCHANGED;
            case -2 -> MISSING;
            case -3 -> CURRENCY_MISMATCH;
            case -4 -> OVER_MAX_QUANTITY;
            case -5 -> INSUFFICIENT_STOCK;
            case -6 -> CART_FULL;
            case -7 -> NO_SUCH_LINE;
            default -> throw new IllegalStateException("Cart script answered " + status);
        };
    }
}
