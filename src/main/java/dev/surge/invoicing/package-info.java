/**
 * Invoices and credit notes: when an order is paid it gets a PDF invoice, and each refund of its payment a
 * credit note referring to that invoice, each numbered from its own gapless series.
 * <p>
 * Invariants: a number of a series is used once and none is skipped (a counter row per series, moved in the
 * transaction that inserts the document, so concurrent issuers on any instance wait for each other and a
 * rollback gives the number back); an order has at most one invoice and a refund at most one credit note
 * (unique constraints, checked again under the series lock); what a document shows is frozen when it is numbered
 * (stored with it), so its PDF renders the same whenever it is rendered. Rendering runs on the bounded
 * {@code surge-invoices} scheduler, never on an event loop. Orders are reached only through {@code OrdersApi}.
 */
@ApplicationModule(displayName = "Invoicing", allowedDependencies = {"platform", "orders", "identity"})
package dev.surge.invoicing;

import org.springframework.modulith.ApplicationModule;
