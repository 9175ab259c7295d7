package dev.surge.reporting.operations.data;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;

/** A statement put together from optional filters, each with its bound value (never text pasted into SQL). */
final class Sql {

    private final StringBuilder text;
    private final Map<String, Object> binds = new LinkedHashMap<>();

    Sql(String start) {
        this.text = new StringBuilder(start);
    }

    /** Appends {@code clause} (which names {@code :name}) when {@code value} is not null. */
    Sql and(String clause, String name, Object value) {
        if (value != null) {
            text.append(' ').append(clause);
            binds.put(name, value instanceof Instant at ? utc(at) : value);
        }
        return this;
    }

    Sql append(String more) {
        text.append(' ').append(more);
        return this;
    }

    Sql bind(String name, Object value) {
        binds.put(name, value instanceof Instant at ? utc(at) : value);
        return this;
    }

    DatabaseClient.GenericExecuteSpec on(DatabaseClient db) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(text.toString());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
