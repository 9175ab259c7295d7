package dev.surge.inventory.domain;

import dev.surge.catalog.CatalogAvailability;
import dev.surge.inventory.OutOfStock;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.UnknownVariant;
import dev.surge.inventory.config.InventoryProperties;
import dev.surge.inventory.data.Admission;
import dev.surge.inventory.data.StockCounters;
import dev.surge.inventory.data.StockQueries;
import dev.surge.inventory.data.StockRow;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Redis gate of normal stock: each variant's counter of units that may be reserved, loaded from
 * PostgreSQL on first use (a variant inventory has not seen yet adopts the units the catalog lists).
 * Refusals cost one round trip and never reach PostgreSQL.
 */
@Component
class StockGate {

    private static final Logger log = LoggerFactory.getLogger(StockGate.class);
    /** A reservation's Redis key outlives its hold by this much, so that late returns still find it. */
    static final Duration KEY_GRACE = Duration.ofDays(1);

    private final StockCounters counters;
    private final StockQueries stock;
    private final CatalogAvailability catalog;
    private final InventoryProperties properties;
    private final InventoryMetrics metrics;

    StockGate(StockCounters counters, StockQueries stock, CatalogAvailability catalog, InventoryProperties properties,
            InventoryMetrics metrics) {
        this.counters = counters;
        this.stock = stock;
        this.catalog = catalog;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Units of each variant that can be reserved now; unknown variants are absent. */
    Mono<Map<UUID, Integer>> available(Collection<UUID> variantIds) {
        return Flux.fromIterable(new HashSet<>(variantIds))
                .flatMap(variant -> counter(variant).map(units -> Map.entry(variant, (int) Math.max(0, units))), 16)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Units of each variant to show (a cart's "n left"): as {@link #available}, but a figure this instance
     * read within the last moment may answer ({@code RecentAvailability}). Never used to take units.
     */
    Mono<Map<UUID, Integer>> shown(Collection<UUID> variantIds) {
        if (variantIds.size() == 1) {
            UUID variant = variantIds.iterator().next();
            return recentCounter(variant).map(units -> Map.of(variant, (int) Math.max(0, units)));
        }
        return Flux.fromIterable(new HashSet<>(variantIds))
                .flatMap(variant -> recentCounter(variant).map(units -> Map.entry(variant, (int) Math.max(0, units))), 16)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Long> recentCounter(UUID variant) {
        return counters.getRecent(variant)
                .switchIfEmpty(Mono.defer(() -> loadCounter(variant).then(counters.get(variant))));
    }

    /** The variant's Redis counter, loaded from PostgreSQL first if needed; empty for unknown variants. */
    Mono<Long> counter(UUID variant) {
        return counters.get(variant).switchIfEmpty(Mono.defer(() -> loadCounter(variant).then(counters.get(variant))));
    }

    /** Loads the counter unless present; empty when the variant does not exist. */
    Mono<StockRow> loadCounter(UUID variant) {
        return stockRow(variant).flatMap(row -> counters.load(variant, row.available()).thenReturn(row));
    }

    /** The variant's stock row; a variant inventory has not seen yet adopts the units the catalog lists. */
    Mono<StockRow> stockRow(UUID variant) {
        return stock.find(variant).switchIfEmpty(Mono.defer(() -> catalog.listedUnits(variant)
                .flatMap(units -> stock.adopt(variant, units, properties.lowStockThreshold()))));
    }

    /**
     * Takes a line's units for reservation {@code id}, loading the counter first if needed;
     * {@link OutOfStock} when fewer are available.
     */
    Mono<Void> take(UUID id, Reservation.Line line, Duration keep) {
        return counters.take(line.variantId(), id, line.quantity(), keep)
                .flatMap(result -> Admission.of(result) != Admission.NOT_LOADED ? Mono.just(result)
                        : loadCounter(line.variantId())
                                .switchIfEmpty(Mono.error(UnknownVariant::new))
                                .then(counters.take(line.variantId(), id, line.quantity(), keep)))
                .flatMap(result -> switch (Admission.of(result)) {
                    case GRANTED -> Mono.<Void>empty();
                    case INSUFFICIENT -> {
                        metrics.attempt(InventoryMetrics.STOCK, "out_of_stock");
                        yield Mono.error(new OutOfStock(line.variantId()));
                    }
                    default -> Mono.error(new TransientDataAccessResourceException(
                            "The stock counter of " + line.variantId() + " vanished while loading; retry"));
                });
    }

    /** Gives back what reservation {@code id} took of every line; a failure is left to reconciliation. */
    Mono<Void> giveBackAll(UUID id, List<Reservation.Line> lines) {
        return Flux.fromIterable(lines).concatMap(line -> counters.giveBack(line.variantId(), id)).then()
                .onErrorResume(e -> {
                    log.warn("Could not return reservation {} to Redis; reconciliation will: {}", id, e.toString());
                    return Mono.empty();
                });
    }

    /** A confirmed reservation's units were sold: forgets its Redis keys without returning the units. */
    Flux<Void> forget(Reservation reservation) {
        return Flux.fromIterable(reservation.lines())
                .concatMap(line -> reservation.flashSaleId() != null
                        ? counters.saleForget(reservation.flashSaleId(), reservation.id())
                        : counters.forget(line.variantId(), reservation.id()))
                .onErrorResume(e -> Mono.empty());
    }

    /** Redis was ahead of the truth: brings the counter down to PostgreSQL's figure, or every later attempt repeats. */
    Mono<Void> lowerToTruth(UUID variant) {
        return stock.find(variant).flatMap(row -> counters.clamp(row.variantId(), row.available()))
                .onErrorResume(clampFailed -> Mono.empty());
    }

    /** Lowers the counter to {@code truth} (never below it, never negative); failures are left to reconciliation. */
    Mono<Void> lowerTo(UUID variant, long truth) {
        return counters.clamp(variant, truth).onErrorResume(e -> Mono.empty());
    }
}
