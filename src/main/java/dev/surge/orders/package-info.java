/**
 * Checkout and orders: an order priced on the server (catalog prices, active flash sales, configured tax
 * and shipping), its stock reserved all-or-nothing before it is written, and a state machine that every
 * change goes through.
 * <p>
 * Invariants: totals are fixed at checkout and add up (a CHECK constraint); one caller's
 * {@code Idempotency-Key} makes at most one order (a unique constraint, beside the platform's replay
 * store); every transition is checked by {@link dev.surge.orders.OrderStatus}, made by a conditional
 * update on the status it was checked against, recorded in the order's history and published through
 * the outbox in the same transaction; an order is paid at most once; a cancelled or expired order's
 * units go back once (inventory's status guard on reservations, a once-per-reference guard on returns); the
 * promotions an order redeemed are redeemed in its checkout transaction and given back once, in the transaction that
 * cancels or expires it.
 */
@ApplicationModule(displayName = "Orders",
        allowedDependencies = {"platform", "catalog", "inventory", "cart", "identity", "promotions"})
package dev.surge.orders;

import org.springframework.modulith.ApplicationModule;
