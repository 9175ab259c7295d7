/**
 * The back office's reports and exports (issue 15).
 * <p>
 * {@code operations}: live figures for the people who run the store: stock per variant, the stock movement
 * ledger and sell-through, flash-sale outcomes, payments and the payments that need a person. They read the
 * owning modules' tables read-only (never write them) and, for flash-sale attempts, the counts the inventory
 * module publishes through {@code FlashSaleAttempts}.
 */
@ApplicationModule(displayName = "Reporting", allowedDependencies = {"platform", "inventory"})
package dev.surge.reporting;

import org.springframework.modulith.ApplicationModule;
