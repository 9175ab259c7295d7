package dev.surge.platform.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Named rate limits and where client addresses come from.
 *
 * <p>{@code limits} is merged over {@link #DEFAULT_LIMITS}: a name set in configuration replaces that
 * default (both {@code capacity} and {@code period} are then required), other defaults stay. Names end up in
 * Redis keys, so they are lower-case letters, digits and dashes.
 *
 * @param limits         limit name to its bucket
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For} is
 *                       believed (see {@link ClientIp}); empty means the TCP peer is the client
 */
@ConfigurationProperties("surge.rate-limits")
public record RateLimitProperties(Map<String, Limit> limits, @DefaultValue List<String> trustedProxies) {

    /** Login attempts from one client address. */
    public static final String AUTH_IP = "auth-ip";
    /** Login attempts against one account, from anywhere. */
    public static final String AUTH_ACCOUNT = "auth-account";
    /** Registrations from one client address. */
    public static final String AUTH_REGISTER_IP = "auth-register-ip";

    /** New guest carts started from one client address. */
    public static final String CART_CREATE_IP = "cart-create-ip";

    /** Guest order lookups (order number, email and token) from one client address. */
    public static final String ORDER_LOOKUP_IP = "order-lookup-ip";
    /** Guest order lookups of one order number, from anywhere: guessing its token is hopeless, and stays so. */
    public static final String ORDER_LOOKUP_NUMBER = "order-lookup-number";

    /** Coupon codes entered on carts from one client address (guessing codes is cut off here). */
    public static final String COUPON_IP = "coupon-ip";
    /** Coupon codes entered by one signed-in account. */
    public static final String COUPON_ACCOUNT = "coupon-account";

    /** Checkout attempts from one client address. */
    public static final String CHECKOUT_IP = "checkout-ip";
    /** Checkout attempts of one signed-in account. */
    public static final String CHECKOUT_ACCOUNT = "checkout-account";
    /** Payment creations and verifications (each a call to the provider) from one client address. */
    public static final String PAYMENT_IP = "payment-ip";
    /** Payment creations and verifications of one signed-in account. */
    public static final String PAYMENT_ACCOUNT = "payment-account";

    /**
     * Product listings and searches from one client address (scraping), counted by each instance on its own
     * ({@link LocalRateLimits}): no Redis round trip on the storefront's hottest reads.
     */
    public static final String BROWSE_IP = "browse-ip";

    static final Map<String, Limit> DEFAULT_LIMITS = Map.ofEntries(
            Map.entry(BROWSE_IP, new Limit(300, Duration.ofMinutes(1))),
            Map.entry(CHECKOUT_IP, new Limit(60, Duration.ofMinutes(1))),
            Map.entry(CHECKOUT_ACCOUNT, new Limit(20, Duration.ofMinutes(1))),
            Map.entry(PAYMENT_IP, new Limit(120, Duration.ofMinutes(1))),
            Map.entry(PAYMENT_ACCOUNT, new Limit(30, Duration.ofMinutes(1))),
            Map.entry(CART_CREATE_IP, new Limit(600, Duration.ofMinutes(1))),
            Map.entry(COUPON_IP, new Limit(30, Duration.ofMinutes(1))),
            Map.entry(COUPON_ACCOUNT, new Limit(10, Duration.ofMinutes(1))),
            Map.entry(ORDER_LOOKUP_IP, new Limit(60, Duration.ofMinutes(1))),
            Map.entry(ORDER_LOOKUP_NUMBER, new Limit(10, Duration.ofMinutes(10))),
            Map.entry(AUTH_IP, new Limit(20, Duration.ofMinutes(1))),
            Map.entry(AUTH_ACCOUNT, new Limit(10, Duration.ofMinutes(1))),
            Map.entry(AUTH_REGISTER_IP, new Limit(5, Duration.ofHours(1))));

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public RateLimitProperties {
        Map<String, Limit> merged = new LinkedHashMap<>(DEFAULT_LIMITS);
        if (limits != null) {
            merged.putAll(limits);
        }
        merged.forEach((name, limit) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("surge.rate-limits.limits: '" + name
                        + "' is not a valid limit name (lower-case letters, digits and dashes, at most 64)");
            }
            if (limit == null || limit.capacity() < 1 || limit.period() == null || limit.period().isNegative()
                    || limit.period().isZero()) {
                throw new IllegalArgumentException("surge.rate-limits.limits." + name
                        + " needs capacity >= 1 and a positive period, got " + limit);
            }
        });
        limits = Map.copyOf(merged);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /**
     * A token bucket: at most {@code capacity} requests in a burst, refilled smoothly at {@code capacity}
     * tokens per {@code period} (so {@code 20 per 1m} gives one token back every 3 s).
     */
    public record Limit(long capacity, Duration period) {
    }
}
