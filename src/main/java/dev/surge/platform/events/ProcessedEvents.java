package dev.surge.platform.events;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The {@code processed_events} table: which handler has applied which event. A handler's work and the row
 * that marks its event applied commit together, which is what makes a redelivery harmless.
 */
@Component
class ProcessedEvents {

    static final String HANDLED = "handled";
    static final String DUPLICATE = "duplicate";

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    ProcessedEvents(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Runs {@code work} unless the handler applied this event before: {@link #HANDLED} or {@link #DUPLICATE}. */
    Mono<String> applyOnce(String handler, UUID eventId, Supplier<Mono<Void>> work) {
        return db.sql("INSERT INTO processed_events (handler, event_id) VALUES (:handler, :id) ON CONFLICT DO NOTHING")
                .bind("handler", handler)
                .bind("id", eventId)
                .fetch().rowsUpdated()
                .flatMap(claimed -> claimed == 0 ? Mono.just(DUPLICATE) : work.get().thenReturn(HANDLED))
                .as(tx::transactional);
    }

    /**
     * Runs {@code work} for the events of {@code eventIds} this handler has not applied before, all in one transaction
     * with their records: {@code work} is given the ids claimed now (each once, however often it is listed). One
     * statement claims them all, where {@link #applyOnce} takes one (and a transaction) per event.
     */
    Mono<Void> applyAll(String handler, List<UUID> eventIds, Function<Set<UUID>, Mono<Void>> work) {
        return db.sql("""
                INSERT INTO processed_events (handler, event_id) SELECT :handler, id FROM unnest(:ids::uuid[]) AS id
                ON CONFLICT DO NOTHING RETURNING event_id""")
                .bind("handler", handler)
                .bind("ids", eventIds.toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(Collectors.toCollection(HashSet::new))
                .flatMap(claimed -> work.apply(claimed))
                .as(tx::transactional);
    }

    /**
     * Forgets up to {@code batch} handled event ids recorded before {@code cutoff}; redeliveries come within
     * minutes, not weeks. Emits how many.
     */
    Mono<Long> purgeBefore(java.time.Instant cutoff, int batch) {
        return db.sql("""
                DELETE FROM processed_events WHERE (handler, event_id) IN (
                    SELECT handler, event_id FROM processed_events WHERE processed_at < :cutoff
                    ORDER BY processed_at LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff.atOffset(java.time.ZoneOffset.UTC))
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }
}
