package dev.surge.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An account asked to prove it owns its email address. {@code token} goes into the link; it is single-use and expires at {@code expiresAt}.
 * Carries the address and name to write to, so the email can be sent without asking identity again.
 */
public record EmailVerificationRequested(UUID userId, String email, String displayName, String token, Instant expiresAt)
        implements IdentityEvents.AccountEvent {
}
