package dev.surge.inventory.domain;

import dev.surge.inventory.config.InventoryProperties;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.FlashSaleRow;
import dev.surge.inventory.data.StockCounters;
import dev.surge.inventory.data.StockQueries;
import dev.surge.inventory.data.StockRow;
import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.persistence.LeaderLease;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compares every loaded Redis counter with PostgreSQL and repairs the ones that drifted (after a crash
 * between a commit and its Redis step, or a lost Redis write). One instance per round holds the lease.
 * <p>
 * A difference is not drift by itself: a grant in flight has changed Redis and not yet PostgreSQL. So a
 * difference must survive {@code reconcile-settle} unchanged, on both sides, before the counter is set
 * to the truth, and the set is a compare-and-set that loses to any concurrent change.
 */
@Component
public class StockReconciliation extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(StockReconciliation.class);
    private static final int PAGE = 500;
    /** PostgreSQL orders uuids as unsigned bytes: the all-zero id comes first. */
    private static final UUID FIRST = new UUID(0, 0);

    private final StockQueries stock;
    private final FlashSaleQueries sales;
    private final StockCounters counters;
    private final LeaderLease lease;
    private final InventoryProperties properties;
    private final InventoryMetrics metrics;

    StockReconciliation(StockQueries stock, FlashSaleQueries sales, StockCounters counters, LeaderLease lease,
            InventoryProperties properties, InventoryMetrics metrics) {
        this.stock = stock;
        this.sales = sales;
        this.counters = counters;
        this.lease = lease;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    protected Disposable begin() {
        return every(properties.reconcileInterval(), properties.reconcileInterval(),
                () -> lease.ifLeader("inventory-reconciliation", properties.reconcileInterval(), this::reconcile),
                log, "Stock reconciliation");
    }

    /** One full pass; the result says how far Redis was off and what was repaired. */
    public Mono<Result> reconcile() {
        Flux<Suspect> variantSuspects = Flux.defer(() -> pages(FIRST))
                .flatMap(row -> counters.get(row.variantId())
                        .filter(units -> units != row.available())
                        .map(units -> new Suspect(row.variantId(), false, units, row.available())), 32);
        Flux<Suspect> saleSuspects = sales.open()
                .flatMap(sale -> counters.saleRemaining(sale.id())
                        .filter(units -> units != expected(sale))
                        .map(units -> new Suspect(sale.id(), true, units, expected(sale))), 8);
        return Flux.concat(variantSuspects, saleSuspects).collectList()
                .flatMap(suspects -> suspects.isEmpty() ? Mono.just(new Result(0, 0))
                        : Mono.delay(properties.reconcileSettle()).then(confirmAndRepair(suspects)))
                .doOnNext(result -> {
                    metrics.drift(result.driftUnits(), result.repaired());
                    if (result.repaired() > 0) {
                        log.warn("Reconciliation repaired {} Redis counter(s), {} unit(s) of drift",
                                result.repaired(), result.driftUnits());
                    }
                });
    }

    private Flux<StockRow> pages(UUID after) {
        return stock.page(after, PAGE).collectList().flatMapMany(rows -> rows.size() < PAGE ? Flux.fromIterable(rows)
                : Flux.concat(Flux.fromIterable(rows), Flux.defer(() -> pages(rows.get(rows.size() - 1).variantId()))));
    }

    private static long expected(FlashSaleRow sale) {
        return sale.remaining();
    }

    private Mono<Result> confirmAndRepair(List<Suspect> suspects) {
        return Flux.fromIterable(suspects)
                .flatMap(suspect -> truth(suspect).flatMap(now -> {
                    if (now.redis() != suspect.redis() || now.truth() != suspect.truth()) {
                        return Mono.<Suspect>empty(); // it moved: in flight, not drift
                    }
                    Mono<Boolean> set = suspect.sale()
                            ? counters.saleCompareAndSet(suspect.id(), suspect.redis(), suspect.truth())
                            : counters.compareAndSet(suspect.id(), suspect.redis(), suspect.truth());
                    return set.filter(Boolean::booleanValue).thenReturn(suspect);
                }), 8)
                .collectList()
                .map(repaired -> new Result(repaired.stream().mapToLong(s -> Math.abs(s.redis() - s.truth())).sum(),
                        repaired.size()));
    }

    private Mono<Suspect> truth(Suspect suspect) {
        if (suspect.sale()) {
            return sales.find(suspect.id()).filter(sale -> sale.closedAt() == null)
                    .flatMap(sale -> counters.saleRemaining(sale.id())
                            .map(units -> new Suspect(sale.id(), true, units, expected(sale))));
        }
        return stock.find(suspect.id()).flatMap(row -> counters.get(row.variantId())
                .map(units -> new Suspect(row.variantId(), false, units, row.available())));
    }

    private record Suspect(UUID id, boolean sale, long redis, long truth) {
    }

    /** {@code driftUnits}: total units by which repaired counters were off. */
    public record Result(long driftUnits, int repaired) {
    }
}
