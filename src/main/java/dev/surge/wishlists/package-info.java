/**
 * Wishlists: the variants a signed-in customer keeps an eye on, listed with their current price (catalog) and
 * availability (inventory), each with an optional email when it comes back in stock or its price drops.
 * <p>
 * The module reacts to inventory's {@code StockLevelChanged} and the catalog's {@code ProductChanged}, decides which
 * customers to tell by conditional updates of what each was last told (so a change alerts each customer once, and
 * a redelivered or late event none), and publishes one {@link dev.surge.wishlists.WishedVariantBackInStock} or
 * {@link dev.surge.wishlists.WishedVariantPriceDropped} per customer through the outbox; the notifications module
 * turns those into emails. Nothing here sends email.
 */
@ApplicationModule(displayName = "Wishlists", allowedDependencies = {"platform", "catalog", "inventory", "identity"})
package dev.surge.wishlists;

import org.springframework.modulith.ApplicationModule;
