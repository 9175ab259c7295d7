package dev.surge.catalog.data;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Column readers the catalog's queries share. */
final class RowValues {

    private RowValues() {
    }

    /** A {@code timestamptz} column as an instant (null stays null). */
    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
