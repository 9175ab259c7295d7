package dev.surge.inventory.domain;

import dev.surge.platform.reactive.RunToEnd;
import dev.surge.catalog.CatalogAvailability;
import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.LowStock;
import dev.surge.inventory.OutOfStock;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReservationNotActive;
import dev.surge.inventory.ReservationNotFound;
import dev.surge.inventory.ReserveStock;
import dev.surge.inventory.SaleHold;
import dev.surge.inventory.StockLevelChanged;
import dev.surge.inventory.UnknownVariant;
import dev.surge.inventory.config.InventoryProperties;
import dev.surge.inventory.data.Admission;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.FlashSaleRow;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.inventory.data.StockCounters;
import dev.surge.inventory.data.StockQueries;
import dev.surge.inventory.data.StockRow;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reservations of normal stock, and the moves of every reservation (flash-sale ones included) out of
 * {@code ACTIVE}.
 * <p>
 * A reservation passes two gates. Redis first: one script per line takes the units from the variant's
 * counter or refuses, so refusals cost one round trip and never reach PostgreSQL. Then PostgreSQL, in one
 * transaction: a conditional {@code UPDATE} per line (in variant-id order, so two multi-line reservations
 * never deadlock) and the reservation's rows. If PostgreSQL refuses what Redis granted (the counter was
 * stale), the Redis grants are given back and the caller hears {@link OutOfStock}: never sold.
 * <p>
 * Returning units: the status guard in PostgreSQL makes one caller the winner; after its commit, the
 * winner gives the units back in Redis through the reservation's own key, which can only be deleted once.
 * A crash in between leaves Redis short (never over), which reconciliation repairs.
 */
@Service
public class StockService implements InventoryApi {

    private static final Logger log = LoggerFactory.getLogger(StockService.class);
    /** A reservation's Redis key outlives its hold by this much, so that late returns still find it. */
    static final Duration KEY_GRACE = Duration.ofDays(1);

    private final StockQueries stock;
    private final ReservationQueries reservations;
    private final FlashSaleQueries sales;
    private final StockCounters counters;
    private final CatalogAvailability catalog;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final InventoryProperties properties;
    private final InventoryMetrics metrics;

    StockService(StockQueries stock, ReservationQueries reservations, FlashSaleQueries sales, StockCounters counters,
            CatalogAvailability catalog, Outbox outbox, TransactionalOperator tx, InventoryProperties properties,
            InventoryMetrics metrics) {
        this.stock = stock;
        this.reservations = reservations;
        this.sales = sales;
        this.counters = counters;
        this.catalog = catalog;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public Mono<Map<UUID, Integer>> available(Collection<UUID> variantIds) {
        return Flux.fromIterable(new HashSet<>(variantIds))
                .flatMap(variant -> counter(variant).map(units -> Map.entry(variant, (int) Math.max(0, units))), 16)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
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

    @Override
    public Mono<Reservation> reserve(ReserveStock command) {
        List<Reservation.Line> lines;
        try {
            lines = validLines(command);
        } catch (InvalidInputException e) {
            return Mono.error(e);
        }
        Duration hold = command.hold() != null ? command.hold() : properties.reservationHold();
        if (hold.compareTo(Duration.ofSeconds(1)) < 0 || hold.compareTo(FlashSaleService.MAX_HOLD) > 0) {
            return Mono.error(new InvalidInputException("validation_failed", "A hold lasts between 1 second and 24 hours",
                    List.of(new FieldViolation("hold", "out_of_range", "between 1 second and 24 hours"))));
        }
        UUID id = Ids.newId();
        Instant now = Instant.now();
        Reservation reservation = new Reservation(id, command.owner(), Reservation.Status.ACTIVE, null, lines,
                now.plus(hold), now);
        Duration keep = hold.plus(KEY_GRACE);
        Mono<Reservation> work = Flux.fromIterable(lines).concatMap(line -> take(id, line, keep)).then()
                .then(Flux.fromIterable(lines)
                        .concatMap(line -> stock.reserve(line.variantId(), line.quantity())
                                .switchIfEmpty(Mono.error(() -> new Refused(line.variantId())))
                                .flatMap(row -> levelChanged(row, -line.quantity())))
                        .then(reservations.insert(id, command.owner(), null, reservation.expiresAt(), now, lines))
                        .as(tx::transactional))
                .onErrorResume(e -> giveBackAll(id, lines)
                        // Redis was ahead of the truth: bring it down, or every later attempt repeats this.
                        .then(e instanceof Refused refused ? stock.find(refused.variant)
                                .flatMap(row -> counters.clamp(row.variantId(), row.available()))
                                .onErrorResume(clampFailed -> Mono.empty()) : Mono.empty())
                        .then(Mono.error(refusal(e))))
                .doOnSuccess(ok -> metrics.attempt(InventoryMetrics.STOCK, "reserved"))
                .thenReturn(reservation);
        // Runs to its end even if the caller cancels: Redis grants are either backed by PostgreSQL or given back.
        return RunToEnd.of(work);
    }

    private Mono<Void> take(UUID id, Reservation.Line line, Duration keep) {
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
                    default -> Mono.error(new org.springframework.dao.TransientDataAccessResourceException(
                            "The stock counter of " + line.variantId() + " vanished while loading; retry"));
                });
    }

    private Mono<Void> giveBackAll(UUID id, List<Reservation.Line> lines) {
        return Flux.fromIterable(lines).concatMap(line -> counters.giveBack(line.variantId(), id)).then()
                .onErrorResume(e -> {
                    log.warn("Could not return reservation {} to Redis; reconciliation will: {}", id, e.toString());
                    return Mono.empty();
                });
    }

    /** PostgreSQL refused a line that Redis had granted: the counter was ahead of the truth. */
    private static final class Refused extends RuntimeException {
        final UUID variant;

        Refused(UUID variant) {
            super(null, null, false, false);
            this.variant = variant;
        }
    }

    private Throwable refusal(Throwable e) {
        if (e instanceof Refused refused) {
            metrics.attempt(InventoryMetrics.STOCK, "oversell_prevented");
            log.info("PostgreSQL refused units of {} that Redis granted; the grant was undone", refused.variant);
            return new OutOfStock(refused.variant);
        }
        return e;
    }

    private List<Reservation.Line> validLines(ReserveStock command) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.owner() == null || command.owner().isBlank()) {
            violations.add(new FieldViolation("owner", "required", "A reservation needs an owner"));
        }
        if (command.lines().isEmpty()) {
            violations.add(new FieldViolation("lines", "required", "At least one line is required"));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < command.lines().size(); i++) {
            ReserveStock.Line line = command.lines().get(i);
            if (line.variantId() == null || !seen.add(line.variantId())) {
                violations.add(new FieldViolation("lines[" + i + "].variantId", "invalid", "Each line needs its own variant"));
            }
            if (line.quantity() < 1 || line.quantity() > properties.maxLineQuantity()) {
                violations.add(new FieldViolation("lines[" + i + "].quantity", "out_of_range",
                        "Quantity must be between 1 and " + properties.maxLineQuantity()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("validation_failed", "The reservation is not valid", violations);
        }
        return command.lines().stream().map(line -> new Reservation.Line(line.variantId(), line.quantity()))
                .sorted(Comparator.comparing(Reservation.Line::variantId)).toList();
    }

    @Override
    public Mono<Reservation> find(UUID reservationId) {
        return reservations.find(reservationId).switchIfEmpty(Mono.error(ReservationNotFound::new));
    }

    @Override
    public Mono<Reservation> confirm(UUID reservationId) {
        Instant now = Instant.now();
        return reservations.leaveActive(reservationId, Reservation.Status.CONFIRMED, now, null)
                .flatMap(id -> reservations.find(id))
                .flatMap(reservation -> Flux.fromIterable(reservation.lines())
                        .concatMap(line -> sell(reservation, line))
                        .then(Mono.just(reservation)))
                .switchIfEmpty(Mono.defer(() -> find(reservationId).flatMap(current -> Mono.error(
                        new ReservationNotActive(current.status() == Reservation.Status.ACTIVE
                                ? Reservation.Status.EXPIRED : current.status())))))
                .as(tx::transactional)
                .flatMap(reservation -> Flux.fromIterable(reservation.lines())
                        .concatMap(line -> reservation.flashSaleId() != null
                                ? counters.saleForget(reservation.flashSaleId(), reservation.id())
                                : counters.forget(line.variantId(), reservation.id()))
                        .onErrorResume(e -> Mono.empty())
                        .then(find(reservationId)));
    }

    private Mono<Void> sell(Reservation reservation, Reservation.Line line) {
        Mono<FlashSaleRow> sale = reservation.flashSaleId() == null ? Mono.empty()
                : sales.sell(reservation.flashSaleId(), line.quantity())
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("Flash sale "
                                + reservation.flashSaleId() + " has not claimed what it sells")));
        return sale.then(stock.sell(line.variantId(), line.quantity()))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Stock of " + line.variantId()
                        + " does not hold the units reservation " + reservation.id() + " sells")))
                .flatMap(row -> stock.movement(line.variantId(), -line.quantity(), row.onHand(), "sale",
                                "reservation:" + reservation.id(), null)
                        .then(levelChanged(row, 0)));
    }

    @Override
    public Flux<SaleHold> saleHolds(String owner) {
        return reservations.activeSaleHolds(owner, Instant.now())
                .concatMap(held -> reservations.find(held.reservationId())
                        .map(reservation -> new SaleHold(reservation, new Money(held.priceMinor(), held.currency()))));
    }

    @Override
    public Mono<Boolean> claim(UUID reservationId, String owner, String claimant) {
        return reservations.claim(reservationId, owner, claimant);
    }

    /**
     * The buyer gives a hold back; one an order has taken over is the order's now ({@code reservation_in_order},
     * 409): it goes back when the order is cancelled or expires.
     */
    public Mono<Reservation> releaseByBuyer(UUID reservationId) {
        return leave(reservationId, Reservation.Status.RELEASED, null, true)
                .then(reservations.claimant(reservationId).flatMap(order -> find(reservationId)
                        .filter(current -> current.status() == Reservation.Status.ACTIVE)
                        .flatMap(active -> Mono.<Reservation>error(new ReservationInOrder()))))
                .then(find(reservationId));
    }

    /** The hold backs an order; cancel the order instead. */
    public static final class ReservationInOrder extends dev.surge.platform.errors.ConflictException {
        ReservationInOrder() {
            super("reservation_in_order", "An order holds these units now; cancel the order to give them back");
        }
    }

    @Override
    public Mono<Void> restock(String reference, List<Reservation.Line> lines) {
        List<Reservation.Line> sorted = lines.stream().sorted(Comparator.comparing(Reservation.Line::variantId)).toList();
        return Flux.fromIterable(sorted)
                .concatMap(line -> {
                    UUID movement = Ids.newId();
                    return stock.firstReturn(line.variantId(), line.quantity(), reference, movement)
                            .filter(Boolean::booleanValue)
                            .flatMap(first -> stock.adjust(line.variantId(), line.quantity())
                                    .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                                            "No stock row for returned variant " + line.variantId())))
                                    .flatMap(row -> stock.returnedTo(movement, row.onHand())
                                            .then(levelChanged(row, line.quantity()))
                                            .thenReturn(line)));
                })
                .collectList()
                .as(tx::transactional)
                .flatMapMany(Flux::fromIterable)
                .concatMap(line -> counters.add(line.variantId(), line.quantity()).onErrorResume(e -> {
                    log.warn("Could not return {} units of {} to Redis; reconciliation will: {}", line.quantity(),
                            line.variantId(), e.toString());
                    return Mono.empty();
                }))
                .then();
    }

    @Override
    public Mono<Reservation> release(UUID reservationId) {
        return leave(reservationId, Reservation.Status.RELEASED, null, false).then(find(reservationId));
    }

    /** Expires a reservation whose time has passed; false when another instance or a confirm won. */
    Mono<Boolean> expire(UUID reservationId, Instant now) {
        return leave(reservationId, Reservation.Status.EXPIRED, now, false)
                .doOnNext(expired -> {
                    if (expired) {
                        metrics.expired();
                    }
                });
    }

    /**
     * Takes an active reservation out of {@code ACTIVE} and returns its units: in PostgreSQL within the
     * transaction, in Redis after the commit. True when this call made the move.
     */
    private Mono<Boolean> leave(UUID reservationId, Reservation.Status to, Instant expiredBy, boolean unclaimedOnly) {
        return reservations.leaveActive(reservationId, to, null, expiredBy, unclaimedOnly)
                .flatMap(reservations::find)
                .flatMap(reservation -> Flux.fromIterable(reservation.lines())
                        .concatMap(line -> unreserve(reservation, line))
                        .collectList()
                        .map(returns -> new Left(reservation, returns)))
                .as(tx::transactional)
                .flatMap(left -> Flux.fromIterable(left.returns()).concatMap(this::giveBack).then(Mono.just(true)))
                .defaultIfEmpty(false);
    }

    private record Left(Reservation reservation, List<Return> returns) {
    }

    /** Where a returned line's units go in Redis: the sale's pool, or the variant's counter. */
    private record Return(UUID reservation, UUID variant, UUID sale, boolean saleClosed) {
    }

    private Mono<Return> unreserve(Reservation reservation, Reservation.Line line) {
        if (reservation.flashSaleId() == null) {
            return stock.unreserve(line.variantId(), line.quantity())
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("Stock of " + line.variantId()
                            + " does not hold the units of reservation " + reservation.id())))
                    .flatMap(row -> levelChanged(row, line.quantity()))
                    .thenReturn(new Return(reservation.id(), line.variantId(), null, false));
        }
        return sales.untake(reservation.flashSaleId(), line.quantity())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Flash sale " + reservation.flashSaleId()
                        + " has not claimed the units of reservation " + reservation.id())))
                .flatMap(sale -> sale.closedAt() == null
                        ? Mono.just(new Return(reservation.id(), line.variantId(), sale.id(), false))
                        // The sale is over: its pool shrank with these units, which go back to normal stock.
                        : stock.unreserve(line.variantId(), line.quantity())
                                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Stock of " + line.variantId()
                                        + " does not hold the units of reservation " + reservation.id())))
                                .flatMap(row -> levelChanged(row, line.quantity()))
                                .thenReturn(new Return(reservation.id(), line.variantId(), sale.id(), true)));
    }

    private Mono<Void> giveBack(Return back) {
        Mono<Void> redis;
        if (back.sale() == null) {
            redis = counters.giveBack(back.variant(), back.reservation()).then();
        } else {
            redis = counters.saleGiveBack(back.sale(), back.reservation(), !back.saleClosed())
                    .flatMap(units -> back.saleClosed() && units > 0
                            ? counters.add(back.variant(), units.intValue()) : Mono.empty())
                    .then();
        }
        return redis.onErrorResume(e -> {
            log.warn("Could not return reservation {} to Redis; reconciliation will: {}", back.reservation(), e.toString());
            return Mono.empty();
        });
    }

    /**
     * Publishes the new level of a stock row (inside the transaction) and, when this change took the
     * variant under its threshold, a {@link LowStock}. {@code returned} is the change in available units.
     */
    Mono<Void> levelChanged(StockRow row, int returned) {
        Mono<Void> level = outbox.append(new StockLevelChanged(row.variantId(), row.onHand(), row.reserved(), row.version()));
        int before = row.available() - returned;
        boolean crossed = row.available() < row.lowStockThreshold() && before >= row.lowStockThreshold();
        return crossed ? level.then(outbox.append(new LowStock(row.variantId(), row.available(), row.lowStockThreshold())))
                : level;
    }
}
