package dev.surge.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An export of the account's personal data is ready: the owner is sent the one-time {@code token} of its download
 * link, which works (signed in as that account) until {@code expiresAt}. Only the token's hash is stored.
 */
public record PersonalDataExportReady(UUID userId, String email, String displayName, UUID exportId, String token,
        Instant expiresAt) implements IdentityEvents.AccountEvent {
}
