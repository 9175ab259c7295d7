package dev.surge.inventory.domain;

import dev.surge.inventory.config.InventoryProperties;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.inventory.data.StockCounters;
import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.persistence.LeaderLease;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/**
 * Repairs the per-customer counts Redis keeps for each open flash sale (what enforces its per-customer limit)
 * from PostgreSQL: the units of each customer's active and confirmed reservations of the sale. A lost Redis
 * write, or a crash between a claim's Redis step and its commit, would otherwise let a customer buy past the
 * limit, or keep one out who is within it, until the sale ends.
 * <p>
 * As with the stock counters ({@link StockReconciliation}), a difference must survive
 * {@code reconcile-settle} unchanged on both sides before it counts, and the repair is a compare-and-set that
 * loses to any claim or release in between. One instance per round holds the lease.
 */
@Component
public class SaleBuyerCounts extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(SaleBuyerCounts.class);

    private final FlashSaleQueries sales;
    private final ReservationQueries reservations;
    private final StockCounters counters;
    private final LeaderLease lease;
    private final InventoryProperties properties;
    private final InventoryMetrics metrics;

    SaleBuyerCounts(FlashSaleQueries sales, ReservationQueries reservations, StockCounters counters, LeaderLease lease,
            InventoryProperties properties, InventoryMetrics metrics) {
        this.sales = sales;
        this.reservations = reservations;
        this.counters = counters;
        this.lease = lease;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    protected Disposable begin() {
        return every(properties.reconcileInterval(), properties.reconcileInterval(),
                () -> lease.ifLeader("flash-sale-buyer-counts", properties.reconcileInterval(), this::reconcile),
                log, "Flash-sale buyer count reconciliation");
    }

    /** One pass over the open sales; answers how many customers' counts were repaired. */
    public Mono<Integer> reconcile() {
        return sales.open()
                .flatMap(sale -> drifts(sale.id()), 4)
                .collectList()
                .flatMap(suspects -> suspects.isEmpty() ? Mono.just(0)
                        : Mono.delay(properties.reconcileSettle()).then(confirmAndRepair(suspects)))
                .doOnNext(repaired -> {
                    if (repaired > 0) {
                        metrics.buyerCountsRepaired(repaired);
                        log.warn("Reconciliation repaired {} flash-sale customer count(s)", repaired);
                    }
                });
    }

    /** The customers of a loaded sale whose count in Redis is not their units in PostgreSQL. */
    private Flux<Drift> drifts(UUID sale) {
        return counters.saleRemaining(sale)
                .flatMap(loaded -> Mono.zip(counters.saleBuyers(sale), truth(sale)))
                .flatMapIterable(both -> {
                    Map<String, Long> redis = both.getT1();
                    Map<String, Long> truth = both.getT2();
                    Set<String> owners = new HashSet<>(redis.keySet());
                    owners.addAll(truth.keySet());
                    return owners.stream()
                            .map(owner -> new Drift(sale, owner, redis.getOrDefault(owner, 0L), truth.getOrDefault(owner, 0L)))
                            .filter(drift -> drift.redis() != drift.truth())
                            .toList();
                });
    }

    private Mono<Map<String, Long>> truth(UUID sale) {
        return reservations.heldInSaleByOwner(sale)
                .collectMap(ReservationQueries.OwnerUnits::owner, units -> (long) units.units());
    }

    private Mono<Integer> confirmAndRepair(List<Drift> suspects) {
        Map<UUID, List<Drift>> bySale = suspects.stream().collect(Collectors.groupingBy(Drift::sale));
        return Flux.fromIterable(bySale.entrySet())
                .flatMap(entry -> drifts(entry.getKey()).collectList()
                        .map(now -> Tuples.of(entry.getValue(), Set.copyOf(now))), 4)
                // Still the same difference on both sides after the settle time: drift, not a claim in flight.
                .flatMapIterable(seen -> seen.getT1().stream().filter(seen.getT2()::contains).toList())
                .flatMap(drift -> counters.saleBuyerCompareAndSet(drift.sale(), drift.owner(), drift.redis(), drift.truth()), 8)
                .filter(Boolean::booleanValue)
                .count()
                .map(Long::intValue);
    }

    private record Drift(UUID sale, String owner, long redis, long truth) {
    }
}
