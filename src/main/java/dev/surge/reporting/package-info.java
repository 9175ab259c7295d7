/**
 * Reporting: the back office's reports and exports, read from read models that this module owns, fed by the events
 * other modules publish and rebuilt from their tables on an administrator's command.
 * <p>
 * {@code sales} holds the sales, customers and seller reports: per-order facts and daily buckets (per day, merchant
 * and currency; per day, product and currency), so a report over months reads buckets, never orders. A consumer
 * recomputes an order's facts from {@code OrdersApi#details} on each of its events and moves the buckets by the
 * difference in one transaction, which makes a redelivered or late event change nothing. {@code operations} holds
 * the inventory, payments and flash-sale reports.
 */
@ApplicationModule(displayName = "Reporting", allowedDependencies = {"platform", "orders", "catalog"})
package dev.surge.reporting;

import org.springframework.modulith.ApplicationModule;
