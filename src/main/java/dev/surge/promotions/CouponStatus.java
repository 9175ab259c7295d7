package dev.surge.promotions;

/**
 * What became of the code a buyer entered: applied, or why not. {@code reason} is null when applied, else one of
 * {@code unknown}, {@code not_started}, {@code expired}, {@code minimum_not_met}, {@code used_up},
 * {@code customer_limit}, {@code not_applicable} (no line in its scope, or not in this currency) or
 * {@code superseded} (valid, but a better promotion that does not combine with it applies instead).
 */
public record CouponStatus(String code, boolean applied, String reason, String message) {

    public static CouponStatus applied(String code) {
        return new CouponStatus(code, true, null, null);
    }

    public static CouponStatus refused(String code, String reason, String message) {
        return new CouponStatus(code, false, reason, message);
    }
}
