/**
 * Promotions: coupon codes and automatic promotions (percentage off, a fixed amount off per currency, free
 * shipping), scoped to the whole cart, products, categories or a merchant, managed by administrators (the
 * platform's) and sellers (their merchant's, which only ever discount that merchant's lines).
 * <p>
 * Invariants: a discount is always priced here, from the server's lines, never from the client; a promotion is
 * never redeemed past its cap (a conditional {@code UPDATE ... WHERE redeemed < cap} in the checkout's own
 * transaction, a CHECK behind it) nor past a customer's limit (a conditional upsert of that customer's uses in the
 * same transaction); an order redeems a promotion at most once (a unique row per promotion and order) and gives it
 * back at most once ({@code released_at} set by a guarded update, in the transaction that cancels or expires it).
 */
@ApplicationModule(displayName = "Promotions", allowedDependencies = {"platform"})
package dev.surge.promotions;

import org.springframework.modulith.ApplicationModule;
