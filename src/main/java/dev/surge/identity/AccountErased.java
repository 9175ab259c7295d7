package dev.surge.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * The account was erased at its owner's or an admin's request. Identity has already ended its sessions
 * and removed its credentials; every module that holds data about {@code userId} reacts once (idempotently:
 * the event may arrive again) by deleting what it may delete and anonymising what the law makes it keep.
 * Carries no personal data: by the time it is read, there is none left to carry.
 */
public record AccountErased(UUID userId, Instant erasedAt) implements IdentityEvents.AccountEvent {
}
