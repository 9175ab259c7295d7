package dev.surge.promotions;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What the cart and checkout ask of promotions. Codes are case-insensitive. The customer key is
 * {@code user:<id>} for a signed-in buyer, {@code email:<hex SHA-256 of the lower-case address>} for a
 * guest (no address is stored here).
 */
public interface PromotionsApi {

    /**
     * The discounts shown with a cart, from this instance's copy of the live promotions (refreshed every
     * {@code surge.promotions.cache-ttl}, and at once after a change made here): no I/O at all when no code is
     * entered and no automatic promotion is live. Figures such as redemptions so far may lag by that TTL;
     * checkout decides on PostgreSQL's. The per-customer limit is checked at checkout only.
     */
    Mono<Discounts> preview(Basket basket, String code);

    /**
     * The discounts of a checkout, decided on PostgreSQL's rows now. A code that does not apply fails with a
     * problem naming the reason ({@code coupon_used_up} and {@code coupon_customer_limit}: 409; {@code coupon_unknown},
     * {@code coupon_expired}, {@code coupon_not_started}, {@code coupon_minimum_not_met}, {@code coupon_not_applicable}:
     * 422); a code outdone by a better non-combinable promotion is simply not used ({@code superseded}).
     */
    Mono<Discounts> quote(Basket basket, String code, String customerKey);

    /**
     * Redeems what {@code discounts} applied for the order, in the caller's transaction (so it commits or rolls back
     * with the order): one conditional update per promotion under its cap, one per customer under their limit, one
     * row per promotion and order. Fails with 409 {@code coupon_used_up} / {@code promotion_used_up} or
     * {@code coupon_customer_limit} when another checkout took the last use first.
     */
    Mono<Void> redeem(UUID orderId, String customerKey, String currency, Discounts discounts);

    /**
     * Gives back what the order redeemed, once (later calls change nothing), in the caller's transaction: for an
     * order cancelled or expired.
     */
    Mono<Void> release(UUID orderId);

    /** Makes sure this instance knows the live promotion of {@code code} (fresh from PostgreSQL if not): before a cart shows it. */
    Mono<Void> learn(String code);

    /** A code as stored and compared: trimmed, upper case; null for null or blank. */
    static String normalize(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return code.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
