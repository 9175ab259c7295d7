package dev.surge.cart.domain;

import dev.surge.cart.data.CartStore.Counted;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.reactive.RunToEnd;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Cart meters: {@code surge.cart.operations{operation, outcome}} (read, add, update, remove, clear, merge;
 * outcome {@code ok} or the error code); {@code surge.cart.variant.lookups{source}} (cache or catalog);
 * {@code surge.cart.restores} (signed-in carts brought back from PostgreSQL after Redis lost them);
 * {@code surge.cart.flush} (time of each write-behind round) and {@code surge.cart.flush.carts{outcome}};
 * {@code surge.cart.journeys{stage}} (carts {@code started} and given their first line, {@code with_items}), which
 * also go to the carts report ({@link CartJourneys}).
 * Latency per route is in {@code http.server.requests}.
 */
@Component
public class CartMetrics {

    private final MeterRegistry registry;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter restores;
    private final Counter flushed;
    private final Counter flushFailed;
    private final Timer flush;
    private final CartJourneys journeys;
    private final Counter started;
    private final Counter withItems;

    CartMetrics(MeterRegistry registry, CartJourneys journeys) {
        this.registry = registry;
        this.journeys = journeys;
        this.started = Counter.builder("surge.cart.journeys").tag("stage", "started")
                .description("Carts started, and carts given their first line").register(registry);
        this.withItems = Counter.builder("surge.cart.journeys").tag("stage", "with_items")
                .description("Carts started, and carts given their first line").register(registry);
        this.cacheHits = Counter.builder("surge.cart.variant.lookups").tag("source", "cache")
                .description("Variant snapshots carts needed, by where they came from").register(registry);
        this.cacheMisses = Counter.builder("surge.cart.variant.lookups").tag("source", "catalog")
                .description("Variant snapshots carts needed, by where they came from").register(registry);
        this.restores = Counter.builder("surge.cart.restores")
                .description("Signed-in carts restored from PostgreSQL into Redis").register(registry);
        this.flushed = Counter.builder("surge.cart.flush.carts").tag("outcome", "written")
                .description("Signed-in carts written behind to PostgreSQL").register(registry);
        this.flushFailed = Counter.builder("surge.cart.flush.carts").tag("outcome", "failed")
                .description("Signed-in carts written behind to PostgreSQL").register(registry);
        this.flush = Timer.builder("surge.cart.flush").description("Write-behind rounds").register(registry);
    }

    /** One counter per operation and outcome, looked up once (a builder and registry lookup per request cost more). */
    private final java.util.concurrent.ConcurrentMap<String, Counter> operations = new java.util.concurrent.ConcurrentHashMap<>();

    public void operation(String operation, String outcome) {
        operations.computeIfAbsent(operation + ' ' + outcome, key -> Counter.builder("surge.cart.operations")
                .description("Cart operations by outcome")
                .tag("operation", operation).tag("outcome", outcome).register(registry)).increment();
    }

    /**
     * Counts the outcome. The operation runs to its end even if the caller disconnects: a change applied in
     * Redis must also be marked for PostgreSQL, or the write-behind copy would miss it.
     */
    <T> Mono<T> measured(String operation, Mono<T> work) {
        return RunToEnd.of(work).doOnSuccess(ok -> operation(operation, "ok"))
                .doOnError(SurgeException.class, e -> operation(operation, e.code()));
    }

    void variantLookup(boolean cached) {
        (cached ? cacheHits : cacheMisses).increment();
    }

    /** What an added line counted (see {@code add.lua}): for the carts report and the meters, in memory only. */
    void counted(Counted counted, Instant at) {
        switch (counted) {
            case STARTED_WITH_FIRST_LINE -> {
                started.increment();
                withItems.increment();
            }
            case FIRST_LINE -> withItems.increment();
            case NOTHING -> {
                return;
            }
        }
        journeys.count(counted, at);
    }

    /** A signed-in customer's cart made empty (neither Redis nor PostgreSQL had one): started, no items yet. */
    void startedEmpty(Instant at) {
        started.increment();
        journeys.startedEmpty(at);
    }

    void restored() {
        restores.increment();
    }

    void flushedCart(boolean ok) {
        (ok ? flushed : flushFailed).increment();
    }

    void flushRound(Duration took) {
        flush.record(took);
    }
}
