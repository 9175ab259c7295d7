package dev.surge.platform.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a dead letter stands: waiting for staff, or settled one of two ways. Only a pending one can change. */
public enum DeadLetterStatus {
    /** Recorded; nobody has acted on it yet. */
    PENDING,
    /** Sent back to its handler (which may have dead-lettered it again: a new row). */
    REPLAYED,
    /** Given up on by staff; kept for the record. */
    DISCARDED;

    /** The name in JSON, query parameters and the database: lower case. */
    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeadLetterStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
