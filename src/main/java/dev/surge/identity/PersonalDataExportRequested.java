package dev.surge.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An export of everything Surge holds about the account was asked for (by its owner or an admin). Identity itself
 * builds it off the request, from this event, so a crash midway leaves the event to be delivered again.
 */
public record PersonalDataExportRequested(UUID userId, UUID exportId, Instant requestedAt)
        implements IdentityEvents.AccountEvent {
}
