package dev.surge.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * The account signed in from a device (user agent) it had not used before.
 * Carries the address and name to write to, so the email can be sent without asking identity again.
 */
public record NewDeviceSignedIn(UUID userId, String email, String displayName, String device, String ipAddress, Instant signedInAt)
        implements IdentityEvents.AccountEvent {
}
