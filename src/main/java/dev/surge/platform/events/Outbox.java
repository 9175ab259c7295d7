package dev.surge.platform.events;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.web.RequestIds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the same database transaction as the business change it describes. If that
 * transaction rolls back, the event never existed; if it commits, {@code OutboxRelay} publishes it.
 * Appending outside a transaction is a programming error and fails.
 *
 * <p>The events of one transaction are written together, by one {@code INSERT} just before its commit: an order and
 * the stock level it changed are one statement, not two. Each is serialised when appended (an event that cannot be
 * fails there), and keeps the id it got then, so the relay publishes them in the order they were appended. Work that
 * must run just before the commit and may append events goes through {@link #beforeCommit}: it runs ahead of that
 * insert. An event appended after it (by another synchronization) is inserted on its own.
 */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;

    Outbox(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> append(DomainEvent event) {
        return pending().flatMap(pending -> Mono.deferContextual(context -> {
            Row row = new Row(Ids.newId(), event.topic(), event.key(), event.type(), json.writeValueAsString(event),
                    json.writeValueAsString(Map.of(EventTransport.REQUEST_ID, RequestIds.of(context))));
            return pending.add(row) ? Mono.<Void>empty() : insert(List.of(row));
        }));
    }

    /**
     * Runs {@code work} as the last writes of the outermost transaction, just before its events are inserted and it
     * commits (in the order registered). A failure there fails the commit, and the whole transaction rolls back.
     */
    public Mono<Void> beforeCommit(Mono<Void> work) {
        return pending().doOnNext(pending -> pending.run(work)).then();
    }

    /**
     * Writes now the events this transaction appended so far, for a statement that must see them (an erasure that
     * scrubs or deletes outbox rows); later ones wait for the commit as usual. Nothing to do outside a transaction.
     */
    public Mono<Void> flush() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .flatMap(transaction -> Mono.justOrEmpty((Pending) transaction.getResource(this)))
                .flatMap(pending -> {
                    List<Row> rows = pending.take(false);
                    return rows.isEmpty() ? Mono.<Void>empty() : insert(rows);
                });
    }

    private Mono<Pending> pending() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorMap(NoTransactionException.class, e -> notInTransaction())
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .switchIfEmpty(Mono.error(Outbox::notInTransaction))
                .map(transaction -> {
                    Pending pending = (Pending) transaction.getResource(this);
                    if (pending == null) {
                        pending = new Pending(transaction);
                        if (pending.deferred) {
                            transaction.bindResource(this, pending);
                            transaction.registerSynchronization(pending);
                        }
                    }
                    return pending;
                });
    }

    private Mono<Void> insert(List<Row> rows) {
        if (rows.size() == 1) {
            Row row = rows.get(0);
            return db.sql("""
                    INSERT INTO outbox_events (id, topic, event_key, event_type, payload, headers)
                    VALUES (:id, :topic, :key, :type, :payload::jsonb, :headers::jsonb)""")
                    .bind("id", row.id).bind("topic", row.topic).bind("key", row.key).bind("type", row.type)
                    .bind("payload", row.payload).bind("headers", row.headers)
                    .then();
        }
        return db.sql("""
                INSERT INTO outbox_events (id, topic, event_key, event_type, payload, headers)
                SELECT id, topic, event_key, event_type, payload::jsonb, headers::jsonb
                FROM unnest(:ids::uuid[], :topics::text[], :keys::text[], :types::text[], :payloads::text[],
                    :headers::text[]) AS e(id, topic, event_key, event_type, payload, headers)""")
                .bind("ids", rows.stream().map(Row::id).toArray(UUID[]::new))
                .bind("topics", rows.stream().map(Row::topic).toArray(String[]::new))
                .bind("keys", rows.stream().map(Row::key).toArray(String[]::new))
                .bind("types", rows.stream().map(Row::type).toArray(String[]::new))
                .bind("payloads", rows.stream().map(Row::payload).toArray(String[]::new))
                .bind("headers", rows.stream().map(Row::headers).toArray(String[]::new))
                .then();
    }

    private record Row(UUID id, String topic, String key, String type, String payload, String headers) {
    }

    /** One transaction's events not written yet, and the work to run before they are. */
    private final class Pending implements TransactionSynchronization {

        private final TransactionSynchronizationManager transaction;
        /** False without transaction synchronization: each event is inserted when appended. */
        private final boolean deferred;
        private final List<Row> rows = new ArrayList<>();
        private final Queue<Mono<Void>> work = new ArrayDeque<>();
        private boolean flushed;

        Pending(TransactionSynchronizationManager transaction) {
            this.transaction = transaction;
            this.deferred = transaction.isSynchronizationActive();
        }

        /** False when the events can no longer wait for the commit: insert it now. */
        synchronized boolean add(Row row) {
            if (!deferred || flushed) {
                return false;
            }
            rows.add(row);
            return true;
        }

        synchronized void run(Mono<Void> before) {
            if (!deferred || flushed) {
                throw new IllegalStateException("Outbox.beforeCommit needs a transaction that has not begun to commit");
            }
            work.add(before);
        }

        private synchronized Mono<Void> nextWork() {
            return work.poll();
        }

        /** The events appended so far; {@code last}: none may wait any more (the commit is writing them). */
        private synchronized List<Row> take(boolean last) {
            flushed |= last;
            List<Row> all = List.copyOf(rows);
            rows.clear();
            return all;
        }

        @Override
        public Mono<Void> beforeCommit(boolean readOnly) {
            return runWork().then(Mono.defer(() -> {
                List<Row> all = take(true);
                return all.isEmpty() ? Mono.empty() : insert(all);
            }));
        }

        /** A transaction of its own begins inside this one (REQUIRES_NEW): its events are its own. */
        @Override
        public Mono<Void> suspend() {
            transaction.unbindResourceIfPossible(Outbox.this);
            return Mono.empty();
        }

        @Override
        public Mono<Void> resume() {
            transaction.bindResource(Outbox.this, this);
            return Mono.empty();
        }

        @Override
        public Mono<Void> afterCompletion(int status) {
            transaction.unbindResourceIfPossible(Outbox.this);
            return Mono.empty();
        }

        /** Each registered work in turn, including any that the work before it registered. */
        private Mono<Void> runWork() {
            return Mono.defer(() -> {
                Mono<Void> next = nextWork();
                return next == null ? Mono.empty() : next.then(runWork());
            });
        }
    }

    private static IllegalStateException notInTransaction() {
        return new IllegalStateException("Outbox.append must run inside the transaction of the business change");
    }
}
