/**
 * Who is calling and what they may do: accounts, passwords, sessions and tokens, two-factor
 * authentication, roles and merchants (tenants). Publishes account events (verification and reset
 * requests, new-device sign-ins, 2FA changes) on {@value dev.surge.identity.IdentityEvents#TOPIC} for the
 * notifications module to turn into emails.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = "platform")
package dev.surge.identity;

import org.springframework.modulith.ApplicationModule;
