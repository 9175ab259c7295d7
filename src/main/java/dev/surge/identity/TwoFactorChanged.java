package dev.surge.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * Two-factor authentication was switched on or off for the account.
 * Carries the address and name to write to, so the email can be sent without asking identity again.
 */
public record TwoFactorChanged(UUID userId, String email, String displayName, boolean enabled, Instant changedAt)
        implements IdentityEvents.AccountEvent {
}
