package dev.surge.platform.events;

import dev.surge.platform.events.EventTransport.OutboundMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox rows to the broker. Each batch is claimed with
 * {@code FOR UPDATE SKIP LOCKED} inside a transaction that stays open until the broker has acknowledged
 * every message and the rows are marked published, so several instances can relay side by side
 * without publishing a row twice in the normal course, and a crash or broker failure leaves the rows
 * for the next attempt (at-least-once; consumers are idempotent by event id).
 * <p>
 * It wakes on PostgreSQL {@code NOTIFY surge_outbox} (sent by a trigger at commit) and, as a fallback,
 * every {@code surge.events.relay.poll-interval}. Published rows are deleted after the retention period.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ConnectionFactory connectionFactory;
    private final EventTransport transport;
    private final EventsProperties.Relay settings;
    private final JsonMapper json;
    private final Counter published;
    private final Disposable.Composite running = Disposables.composite();
    private volatile boolean started;

    OutboxRelay(DatabaseClient db, TransactionalOperator tx, ConnectionFactory connectionFactory,
            EventTransport transport, EventsProperties properties, JsonMapper json, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.connectionFactory = connectionFactory;
        this.transport = transport;
        this.settings = properties.relay();
        this.json = json;
        this.published = Counter.builder("surge.outbox.published").description("Outbox rows published")
                .register(meters);
    }

    /** Publishes everything currently unpublished, batch after batch; emits how many rows it published. */
    Mono<Long> drain() {
        return drainBatch()
                .expand(count -> count == settings.batchSize() ? drainBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> drainBatch() {
        return db.sql("""
                SELECT id, topic, event_key, event_type, payload::text AS payload, headers::text AS headers
                FROM outbox_events
                WHERE published_at IS NULL
                ORDER BY id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""")
                .bind("limit", settings.batchSize())
                .map(row -> {
                    Map<String, String> headers = json.readValue(row.get("headers", String.class), HEADERS);
                    return new OutboundMessage(row.get("id", UUID.class), row.get("topic", String.class),
                            row.get("event_key", String.class), row.get("event_type", String.class),
                            row.get("payload", String.class).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            headers);
                })
                .all()
                .collectList()
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0L) : publish(batch))
                .as(tx::transactional);
    }

    private Mono<Long> publish(List<OutboundMessage> batch) {
        UUID[] ids = batch.stream().map(OutboundMessage::id).toArray(UUID[]::new);
        return transport.publish(batch)
                .then(db.sql("UPDATE outbox_events SET published_at = now() WHERE id = ANY(:ids)")
                        .bind("ids", ids)
                        .fetch().rowsUpdated())
                .doOnNext(published::increment);
    }

    private Mono<Long> purgePublished() {
        return db.sql("DELETE FROM outbox_events WHERE published_at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) settings.retention().toSeconds())
                .fetch().rowsUpdated();
    }

    /** Completes each time PostgreSQL delivers a {@code surge_outbox} notification. */
    private Flux<Object> notifications() {
        ConnectionFactory direct = connectionFactory instanceof Wrapped<?> wrapped
                && wrapped.unwrap() instanceof ConnectionFactory inner ? inner : connectionFactory;
        return Flux.usingWhen(Mono.from(direct.create()),
                        connection -> Flux.from(connection.createStatement("LISTEN surge_outbox").execute())
                                .flatMap(result -> result.getRowsUpdated())
                                .thenMany(((PostgresqlConnection) connection).getNotifications()),
                        connection -> connection.close())
                .cast(Object.class)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, java.time.Duration.ofSeconds(1))
                        .maxBackoff(java.time.Duration.ofSeconds(30))
                        .doBeforeRetry(s -> log.warn("Outbox LISTEN connection lost, reconnecting: {}",
                                s.failure().toString())));
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            started = true;
            return;
        }
        Flux<Object> wakeups = Flux.merge(notifications(), Flux.interval(settings.pollInterval()));
        running.add(wakeups
                .onBackpressureLatest()
                .concatMap(wake -> drain().onErrorResume(e -> {
                    log.warn("Outbox relay could not publish, will retry: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe());
        running.add(Flux.interval(java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(1))
                .concatMap(tick -> purgePublished().onErrorResume(e -> Mono.empty()))
                .subscribe());
        started = true;
    }

    @Override
    public void stop() {
        running.dispose();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
