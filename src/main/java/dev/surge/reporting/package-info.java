/**
 * Reporting: the back office's reports and exports.
 * <p>
 * {@code sales} holds the sales, customers and seller reports, read from read models that this module owns, fed by
 * the events other modules publish and rebuilt from their tables on an administrator's command: per-order facts and
 * daily buckets (per day, merchant and currency; per day, product and currency), so a report over months reads
 * buckets, never orders. A consumer recomputes an order's facts from {@code OrdersApi#details} on each of its events
 * and moves the buckets by the difference in one transaction, which makes a redelivered or late event change nothing.
 * <p>
 * {@code operations}: live figures for the people who run the store: stock per variant, the stock movement ledger
 * and sell-through, flash-sale outcomes, payments and the payments that need a person. They read the owning modules'
 * tables read-only (never write them) and, for flash-sale attempts, the counts the inventory module publishes
 * through {@code FlashSaleAttempts}: a stock level or a payment queue that lags behind is wrong for the person acting
 * on it, so these are not projections.
 * <p>
 * {@code carts}: the carts funnel (carts started, carts with items, checkouts, paid orders per interval) and the
 * abandoned carts. The cart scripts count carts started and given their first line inside the change itself; each
 * instance keeps its counts in memory ({@code CartActivity}) and {@code CartCountsFeed} copies them to PostgreSQL in
 * one idempotent statement a round. Abandoned carts are read from the cart module's write-behind copy of signed-in
 * carts (guest carts never reach PostgreSQL, so they cannot be listed).
 */
@ApplicationModule(displayName = "Reporting",
        allowedDependencies = {"platform", "orders", "catalog", "inventory", "cart"})
package dev.surge.reporting;

import org.springframework.modulith.ApplicationModule;
