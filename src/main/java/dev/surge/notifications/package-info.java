/**
 * Emails to account holders. Reacts to identity events ({@value dev.surge.identity.IdentityEvents#TOPIC}):
 * email verification and password reset links, new-device sign-ins, two-factor changes. Each event type
 * has its own handler on the platform's consumer base, which gives idempotency by event id, retries and
 * dead-lettering; this module only renders the email and hands it to an {@code EmailSender} (SMTP, or the
 * log when no SMTP host is configured). Nothing here is called by other modules.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = {"platform", "identity", "orders"})
package dev.surge.notifications;

import org.springframework.modulith.ApplicationModule;
