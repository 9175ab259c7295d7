/**
 * Stock and its reservation: how many units of each variant exist (PostgreSQL, the truth), how many can
 * be taken right now (a Redis counter per variant, the admission gate of the hot path), reservations with
 * an expiry, flash-sale campaigns with per-customer limits, and the reconciliation that keeps the two
 * stores in agreement.
 * <p>
 * Invariants: {@code 0 <= reserved <= on_hand} per variant, enforced by conditional statements and
 * CHECK constraints, never by read-modify-write; a Redis grant that PostgreSQL cannot back is undone;
 * every reservation returns its units at most once (a status guard in PostgreSQL, a per-reservation key
 * in Redis).
 */
@ApplicationModule(displayName = "Inventory", allowedDependencies = {"platform", "catalog"})
package dev.surge.inventory;

import org.springframework.modulith.ApplicationModule;
