package dev.surge.invoicing.data;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The counter row of a numbering series ({@code invoice_series}). Numbers are taken inside the transaction that
 * inserts the numbered document: the row lock makes concurrent issuers (on any instance) take turns, and a
 * rollback gives the number back, so a series never skips or repeats a number.
 */
@Repository
public class SeriesCounter {

    private final DatabaseClient db;

    SeriesCounter(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Locks the series' row until the transaction ends, creating it (at 1) the first time the series is used. Run
     * it before checking whether the document exists: a concurrent issuer of the same document has then committed.
     */
    public Mono<Void> lock(String series) {
        return db.sql("INSERT INTO invoice_series (series) VALUES (:s) ON CONFLICT (series) DO NOTHING")
                .bind("s", series).then()
                .then(db.sql("SELECT next_number FROM invoice_series WHERE series = :s FOR UPDATE")
                        .bind("s", series).map(row -> 1).all().then());
    }

    /** Takes the series' next number; the caller holds the row's lock ({@link #lock}) in the same transaction. */
    public Mono<Long> take(String series) {
        return db.sql("""
                UPDATE invoice_series SET next_number = next_number + 1, updated_at = now() WHERE series = :s
                RETURNING next_number - 1 AS taken""")
                .bind("s", series).map(row -> row.get("taken", Long.class)).one();
    }
}
