package dev.surge.platform.events;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.web.RequestIds;
import io.r2dbc.postgresql.codec.Json;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the same database transaction as the business change it describes. If that
 * transaction rolls back, the event never existed; if it commits, {@code OutboxRelay} publishes it.
 * Appending outside a transaction is a programming error and fails.
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
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorMap(NoTransactionException.class, e -> notInTransaction())
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .switchIfEmpty(Mono.error(Outbox::notInTransaction))
                .flatMap(tx -> Mono.deferContextual(context -> db.sql("""
                        INSERT INTO outbox_events (id, topic, event_key, event_type, payload, headers)
                        VALUES (:id, :topic, :key, :type, :payload, :headers)""")
                        .bind("id", Ids.newId())
                        .bind("topic", event.topic())
                        .bind("key", event.key())
                        .bind("type", event.type())
                        .bind("payload", Json.of(json.writeValueAsBytes(event)))
                        .bind("headers", Json.of(json.writeValueAsBytes(
                                Map.of(EventTransport.REQUEST_ID, RequestIds.of(context)))))
                        .then()));
    }

    private static IllegalStateException notInTransaction() {
        return new IllegalStateException("Outbox.append must run inside the transaction of the business change");
    }
}
