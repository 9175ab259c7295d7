package dev.surge.identity.data;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading identity's timestamp columns, which may be null. */
final class Rows {

    private Rows() {
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
