/**
 * Shopping carts: guest carts behind an opaque token, and signed-in customers' carts, both held in
 * Redis (one hash per cart), priced from the catalog and checked against inventory's availability every
 * time they are read, never from what a client sent.
 * <p>
 * Invariants: every change to a cart is one Lua script on that cart's key (quantities, line and
 * quantity caps, the single-currency rule are checked inside it, never read-modify-write); a guest
 * token is stored only as its SHA-256, and a token that names no live cart is ignored, never adopted;
 * a guest cart merged into a user's cart is deleted in the same step that reads it, so it merges once.
 * Signed-in carts are written behind to PostgreSQL off the request path and restored from there when
 * Redis has lost them.
 */
@ApplicationModule(displayName = "Cart",
        allowedDependencies = {"platform", "catalog", "inventory", "identity", "promotions"})
package dev.surge.cart;

import org.springframework.modulith.ApplicationModule;
