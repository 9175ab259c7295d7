/**
 * Emails to buyers, merchants and account holders.
 * <p>
 * Account emails react to identity events ({@value dev.surge.identity.IdentityEvents#TOPIC}): email verification
 * and password reset links, new-device sign-ins, two-factor changes. They carry secret links, so they are rendered
 * and sent by their handler (retried and dead-lettered by the platform's consumer base) and never stored.
 * <p>
 * Lifecycle emails react to order, payment and inventory events: order received, paid, shipped, delivered,
 * cancelled, refunded, payment failed to the buyer (a guest too, at the order's email); a new-order notice to each
 * merchant with lines in a paid order; one low-stock digest per merchant per interval; the wishlist alerts the
 * wishlists module decides on (back in stock, price drop), to the customer who asked. Their handlers record them
 * in the {@code notifications} table (unique per event, template and recipient, written in the transaction that
 * marks the event handled), and a dispatcher sends them, retrying SMTP failures with backoff until they are SENT or
 * FAILED; admins read the table at {@code GET /api/v1/admin/notifications}.
 * <p>
 * Templates are Mustache files (HTML and text of each email, in one multipart/alternative message), which a
 * configured directory can override; rendering and SMTP run on bounded schedulers of their own, never on an event
 * loop. Nothing here is called by other modules.
 */
@ApplicationModule(displayName = "Notifications",
        allowedDependencies = {"platform", "identity", "orders", "payments", "inventory", "catalog", "invoicing", "wishlists"})
package dev.surge.notifications;

import org.springframework.modulith.ApplicationModule;
