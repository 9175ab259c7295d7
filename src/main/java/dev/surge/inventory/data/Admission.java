package dev.surge.inventory.data;

/**
 * What the Redis gate answered to a take (see {@code redis/inventory/take.lua} and {@code sale-take.lua}):
 * a number of units left, or a refusal as a bare negative number. The one place that knows the numbers.
 */
public enum Admission {
    GRANTED,
    /** Not enough units (for a sale: sold out). */
    INSUFFICIENT,
    /** The counter (or sale) is not in Redis: load it from PostgreSQL and try again. */
    NOT_LOADED,
    /** Outside the sale's window. */
    SALE_NOT_ACTIVE,
    /** Over the sale's per-customer limit. */
    OVER_LIMIT;

    public static Admission of(long answer) {
        if (answer >= 0) {
            return GRANTED;
        }
        return switch ((int) answer) {
            case -1 -> INSUFFICIENT;
            case -2 -> NOT_LOADED;
            case -3 -> SALE_NOT_ACTIVE;
            case -4 -> OVER_LIMIT;
            default -> throw new IllegalStateException("The stock gate answered " + answer);
        };
    }
}
