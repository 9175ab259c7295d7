package dev.surge.platform.events;

import java.util.UUID;

/** Where an event came from: its id (the outbox row id), type and the request that caused it. */
public record EventMetadata(UUID eventId, String type, String key, String requestId) {
}
