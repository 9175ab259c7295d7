package dev.surge.platform.events;

import dev.surge.platform.events.EventTransport.OutboundMessage;
import dev.surge.platform.events.EventTransport.SendFailure;
import dev.surge.platform.persistence.DatabaseProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Publishes committed outbox rows to the broker, at least once.
 * <p>
 * Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} in a transaction that stays open until the
 * broker has answered for every message, so several instances relay side by side without publishing a
 * row twice in the normal course; a crash between send and commit republishes the batch, which
 * consumers absorb because they are idempotent by event id. Order is kept within a batch, not across
 * relays or retries: consumers must not depend on it.
 * <p>
 * A row the broker refuses while it accepts others (too large, invalid topic...) has its
 * {@code attempts} counted; after {@code max-attempts} it is parked: left unpublished, skipped, and
 * counted in {@code surge.outbox.parked}. When every message of a batch fails transiently the broker is
 * taken to be down: nothing is counted and the rows wait for the next wake-up.
 * <p>
 * Wakes on PostgreSQL {@code NOTIFY surge_outbox} (sent by a trigger at commit), on a dedicated
 * connection, and as a fallback every {@code poll-interval}. That connection goes to PostgreSQL itself
 * ({@code surge.database.direct-host}/{@code -port}) when the R2DBC URL is a transaction pooler, where a
 * {@code LISTEN} would land on a server session that goes back to the pool; with transaction pooling and no direct
 * address the relay only polls. Published rows are deleted after
 * {@code retention} by the retention job ({@link EventsRetention}).
 */
@Component
class OutboxRelay extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Option<Boolean> TCP_KEEPALIVE = Option.valueOf("tcpKeepAlive");

    private final OutboxRows rows;
    private final R2dbcProperties r2dbc;
    private final DatabaseProperties database;
    private final EventTransport transport;
    private final EventsProperties.Relay settings;
    private final Counter published;
    private final Counter failed;
    private final AtomicLong parked = new AtomicLong();

    OutboxRelay(OutboxRows rows, R2dbcProperties r2dbc, DatabaseProperties database, EventTransport transport,
            EventsProperties properties, MeterRegistry meters) {
        this.rows = rows;
        this.r2dbc = r2dbc;
        this.database = database;
        this.transport = transport;
        this.settings = properties.relay();
        this.published = Counter.builder("surge.outbox.published").description("Outbox rows published")
                .register(meters);
        this.failed = Counter.builder("surge.outbox.failed").description("Outbox rows the broker refused")
                .register(meters);
        Gauge.builder("surge.outbox.parked", parked, AtomicLong::get)
                .description("Outbox rows given up on after max-attempts").register(meters);
    }

    /** Publishes everything currently publishable, batch after batch; emits how many rows it published. */
    Mono<Long> drain() {
        return drainBatch()
                .expand(batch -> batch.claimed() == settings.batchSize() && !batch.brokerDown() ? drainBatch() : Mono.empty())
                .map(Batch::published)
                .reduce(0L, Long::sum);
    }

    private record Batch(int claimed, long published, boolean brokerDown) {
    }

    private Mono<Batch> drainBatch() {
        return rows.inTransaction(rows.claim(settings.maxAttempts(), settings.batchSize())
                .flatMap(batch -> batch.isEmpty() ? Mono.just(new Batch(0, 0, false))
                        : transport.publish(batch).flatMap(failures -> record(batch, failures))));
    }

    private Mono<Batch> record(List<OutboundMessage> batch, Map<UUID, SendFailure> failures) {
        UUID[] acknowledged = batch.stream().map(OutboundMessage::id).filter(id -> !failures.containsKey(id))
                .toArray(UUID[]::new);
        boolean brokerDown = acknowledged.length == 0
                && failures.values().stream().allMatch(SendFailure::transientFailure);
        Mono<Long> markPublished = acknowledged.length == 0 ? Mono.just(0L)
                : rows.markPublished(acknowledged);
        Flux<Long> countFailures = Flux.fromIterable(failures.entrySet())
                .concatMap(failure -> rows.recordFailure(failure.getKey(), failure.getValue().reason(), !brokerDown));
        if (!failures.isEmpty()) {
            failed.increment(failures.size());
            log.warn("Broker refused {} of {} outbox rows{}; first: {}", failures.size(), batch.size(),
                    brokerDown ? " (broker looks down, not counting attempts)" : "",
                    failures.values().iterator().next().reason());
        }
        return markPublished.flatMap(count -> countFailures.then(Mono.just(count)))
                .doOnNext(published::increment)
                .map(count -> new Batch(batch.size(), count, brokerDown));
    }

    private Mono<Void> housekeeping() {
        return rows.countParked(settings.maxAttempts())
                .doOnNext(count -> {
                    if (count > 0 && parked.getAndSet(count) != count) {
                        log.error("{} outbox rows are parked after {} failed attempts; see outbox_events.last_error",
                                count, settings.maxAttempts());
                    }
                    parked.set(count);
                })
                .then();
    }

    /**
     * Emits each time PostgreSQL delivers a {@code surge_outbox} notification. Uses its own connection
     * (outside the pool, with TCP keep-alive so a half-open link fails instead of going quiet), to PostgreSQL
     * directly when a direct address is set; none through a transaction pooler without one.
     */
    private Flux<Object> notifications() {
        if (database.transactionPooling() && !database.hasDirectAddress()) {
            log.info("Outbox relay polls every {}: LISTEN needs a direct connection to PostgreSQL, not the transaction "
                    + "pooler (surge.database.direct-host)", settings.pollInterval());
            return Flux.never();
        }
        ConnectionFactoryOptions parsed = ConnectionFactoryOptions.parse(r2dbc.getUrl());
        ConnectionFactoryOptions options = database.direct(parsed).mutate()
                .option(ConnectionFactoryOptions.USER, r2dbc.getUsername())
                .option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword() == null ? "" : r2dbc.getPassword())
                .option(TCP_KEEPALIVE, true)
                .build();
        ConnectionFactory listener = ConnectionFactories.get(options);
        return Flux.usingWhen(Mono.from(listener.create()),
                        connection -> Flux.from(connection.createStatement("LISTEN surge_outbox").execute())
                                .flatMap(result -> result.getRowsUpdated())
                                .thenMany(((PostgresqlConnection) connection).getNotifications()),
                        connection -> connection.close())
                .cast(Object.class)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(30))
                        .filter(Exception.class::isInstance)
                        .doBeforeRetry(s -> log.warn("Outbox LISTEN connection lost, reconnecting: {}",
                                s.failure().toString())));
    }

    @Override
    protected Disposable begin() {
        if (!settings.enabled()) {
            return Disposables.disposed();
        }
        Flux<Object> wakeups = Flux.merge(notifications(), Flux.interval(settings.pollInterval()));
        return Disposables.composite(
                wakeups.onBackpressureLatest()
                        .concatMap(wake -> drain().onErrorResume(Exception.class, e -> {
                            log.warn("Outbox relay could not publish, will retry: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                        .subscribe(),
                every(Duration.ZERO, Duration.ofMinutes(1), this::housekeeping, log, "Outbox housekeeping"));
    }
}
