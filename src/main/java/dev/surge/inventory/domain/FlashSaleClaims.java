package dev.surge.inventory.domain;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.data.Admission;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.FlashSaleRow;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.inventory.data.StockCounters;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.reactive.RunToEnd;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Flash-sale purchase attempts.
 * <p>
 * An attempt is decided by one Redis script over the sale's keys: inside the window, enough units left,
 * and the customer under the limit, or a refusal. Refusals (the great majority in a real sale) never
 * reach PostgreSQL. A granted attempt is then claimed in PostgreSQL: a conditional update of the sale's
 * row, which also serializes the claims of one sale, then the per-customer limit re-checked under that
 * lock, then the reservation's rows. If PostgreSQL refuses, the Redis grant is given back.
 */
@Service
public class FlashSaleClaims {

    private static final Logger log = LoggerFactory.getLogger(FlashSaleClaims.class);
    /** How long a claim's Redis key lives: past the longest hold, so that late returns still find it. */
    private static final Duration KEY_LIFE = FlashSaleCampaigns.MAX_HOLD.plus(StockGate.KEY_GRACE);

    private final FlashSaleQueries sales;
    private final ReservationQueries reservations;
    private final StockCounters counters;
    private final TransactionalOperator tx;
    private final InventoryMetrics metrics;
    /** One load from PostgreSQL per sale and instance at a time, however many attempts find it missing. */
    private final Map<UUID, Mono<Boolean>> loading = new ConcurrentHashMap<>();
    private final Map<UUID, FlashSaleRow> terms = new ConcurrentHashMap<>();

    FlashSaleClaims(FlashSaleQueries sales, ReservationQueries reservations, StockCounters counters,
            TransactionalOperator tx, InventoryMetrics metrics) {
        this.sales = sales;
        this.reservations = reservations;
        this.counters = counters;
        this.tx = tx;
        this.metrics = metrics;
    }

    /**
     * A purchase attempt: the reservation, or {@link FlashSaleErrors.SoldOut}, {@link FlashSaleErrors.SaleNotActive},
     * {@link FlashSaleErrors.LimitReached}, {@link FlashSaleErrors.FlashSaleNotFound}.
     */
    public Mono<Claimed> claim(UUID saleId, UUID customer, int quantity) {
        Mono<Claimed> work = attempt(saleId, customer, quantity)
                .onErrorResume(LimitReachedLater.class, e -> terms(saleId)
                        .flatMap(sale -> Mono.error(quantity > sale.perCustomerLimit()
                                ? new FlashSaleErrors.InvalidSaleInput("quantity", "This sale allows at most "
                                        + sale.perCustomerLimit() + " unit(s) per customer")
                                : limitReached(sale))));
        // Once started, an attempt runs to its end even if the buyer disconnects: cancelled between the Redis
        // grant and PostgreSQL's answer, it would leave the unit and the buyer's count taken in Redis.
        return RunToEnd.of(work);
    }

    /**
     * A sale's fixed terms (limit, hold, price), which never change after creation: kept per instance so
     * that refusals over the limit do not read PostgreSQL during a storm.
     */
    private Mono<FlashSaleRow> terms(UUID saleId) {
        FlashSaleRow known = terms.get(saleId);
        return known != null ? Mono.just(known) : sales.find(saleId).doOnNext(row -> {
            if (terms.size() < 10_000) {
                terms.put(saleId, row);
            }
        });
    }

    /** A granted purchase attempt: the reservation and the sale price its units carry. */
    public record Claimed(Reservation reservation, Money unitPrice) {
    }

    private Mono<Claimed> attempt(UUID saleId, UUID customer, int quantity) {
        String owner = "user:" + customer;
        UUID id = Ids.newId();
        Instant now = Instant.now();
        return gate(saleId, id, owner, quantity, now, true)
                .flatMap(sale -> persist(sale, id, owner, quantity, now)
                        .onErrorResume(e -> counters.saleGiveBack(saleId, id, true)
                                // Refused by PostgreSQL: Redis was ahead of the truth; bring it down.
                                .then(e instanceof Refused refused ? counters.saleClamp(saleId, refused.truth) : Mono.empty())
                                .onErrorResume(redis -> Mono.empty())
                                .then(Mono.error(e instanceof Refused refused ? refused.answer : e))))
                .doOnSuccess(reservation -> metrics.attempt(InventoryMetrics.FLASH_SALE, "reserved"));
    }

    /** Runs the Redis gate, loading the sale first if Redis does not have it. */
    private Mono<GateOpen> gate(UUID saleId, UUID id, String owner, int quantity, Instant now, boolean mayLoad) {
        return counters.saleTake(saleId, id, owner, quantity, now, KEY_LIFE)
                .flatMap(result -> {
                    Admission admission = Admission.of(result);
                    if (admission == Admission.GRANTED) {
                        return Mono.just(new GateOpen(saleId));
                    }
                    if (admission == Admission.NOT_LOADED && mayLoad) {
                        return load(saleId).then(gate(saleId, id, owner, quantity, now, false));
                    }
                    return Mono.error(refusal(saleId, admission));
                })
                // A script that timed out on the client may still have run: take back what it may have taken.
                .onErrorResume(e -> !(e instanceof SurgeException) && !(e instanceof LimitReachedLater),
                        e -> counters.saleGiveBack(saleId, id, true).onErrorResume(again -> Mono.empty())
                                .then(Mono.error(e)));
    }

    private record GateOpen(UUID saleId) {
    }

    private Throwable refusal(UUID saleId, Admission admission) {
        switch (admission) {
            case INSUFFICIENT:
                metrics.attempt(InventoryMetrics.FLASH_SALE, "sold_out");
                return new FlashSaleErrors.SoldOut();
            case SALE_NOT_ACTIVE:
                metrics.attempt(InventoryMetrics.FLASH_SALE, "not_active");
                return new FlashSaleErrors.SaleNotActive("The sale is not running: it has not started or has ended");
            case OVER_LIMIT:
                metrics.attempt(InventoryMetrics.FLASH_SALE, "limit");
                return new LimitReachedLater();
            default:
                return new org.springframework.dao.TransientDataAccessResourceException(
                        "Flash sale " + saleId + " vanished from Redis while loading; retry");
        }
    }

    /** Resolved into {@link FlashSaleErrors.LimitReached} with the sale's limit. */
    private static final class LimitReachedLater extends RuntimeException {
        LimitReachedLater() {
            super(null, null, false, false);
        }
    }

    private Mono<Claimed> persist(GateOpen gate, UUID id, String owner, int quantity, Instant now) {
        return sales.lockBuyer(gate.saleId(), owner)
                .then(sales.claim(gate.saleId(), id, owner, quantity, now))
                .as(tx::transactional)
                .map(sale -> new Claimed(new Reservation(id, owner, Reservation.Status.ACTIVE, sale.id(),
                        List.of(new Reservation.Line(sale.variantId(), quantity)),
                        now.plusSeconds(sale.holdSeconds()), now), Money.of(sale.priceMinor(), sale.currency())))
                .switchIfEmpty(Mono.defer(() -> sales.find(gate.saleId()).flatMap(sale -> {
                    // PostgreSQL refused what Redis granted: say why, from the truth.
                    int truth = sale.closedAt() != null ? 0 : sale.remaining();
                    if (sale.closedAt() != null || !now.isBefore(sale.endsAt())) {
                        metrics.attempt(InventoryMetrics.FLASH_SALE, "not_active");
                        return Mono.error(new Refused(new FlashSaleErrors.SaleNotActive("The sale has ended"), truth));
                    }
                    if (sale.remaining() >= quantity) {
                        metrics.attempt(InventoryMetrics.FLASH_SALE, "limit");
                        return Mono.error(new Refused(limitReached(sale), truth));
                    }
                    metrics.attempt(InventoryMetrics.FLASH_SALE, "oversell_prevented");
                    log.info("PostgreSQL refused a claim on flash sale {} that Redis granted; undone", sale.id());
                    return Mono.error(new Refused(new FlashSaleErrors.SoldOut(), truth));
                })));
    }

    /** PostgreSQL refused a claim Redis had granted: what to tell the buyer, and the sale's true remaining units. */
    private static final class Refused extends RuntimeException {
        final RuntimeException answer;
        final int truth;

        Refused(RuntimeException answer, int truth) {
            super(null, null, false, false);
            this.answer = answer;
            this.truth = truth;
        }
    }

    private static FlashSaleErrors.LimitReached limitReached(FlashSaleRow sale) {
        return new FlashSaleErrors.LimitReached(sale.perCustomerLimit(), Duration.ofSeconds(sale.holdSeconds()));
    }

    /** Puts the sale into Redis from PostgreSQL; false when it was already there. 404 for unknown sales. */
    Mono<Boolean> load(UUID saleId) {
        return loading.computeIfAbsent(saleId, id -> sales.find(id)
                .switchIfEmpty(Mono.error(FlashSaleErrors.FlashSaleNotFound::new))
                .flatMap(sale -> reservations.heldInSaleByOwner(sale.id())
                        .collectMap(ReservationQueries.OwnerUnits::owner, ReservationQueries.OwnerUnits::units,
                                LinkedHashMap::new)
                        .flatMap(held -> {
                            Instant ends = sale.closedAt() != null && sale.closedAt().isBefore(sale.endsAt())
                                    ? sale.closedAt() : sale.endsAt();
                            int remaining = sale.closedAt() != null ? 0 : sale.remaining();
                            return counters.saleLoad(sale.id(), sale.startsAt(), ends, sale.perCustomerLimit(),
                                    remaining, held);
                        }))
                .doFinally(signal -> loading.remove(id))
                .cache());
    }
}
