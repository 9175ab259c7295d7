package dev.surge.inventory.domain;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReservationNotActive;
import dev.surge.inventory.ReservationNotFound;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.FlashSaleRow;
import dev.surge.inventory.data.Movement;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.inventory.data.StockQueries;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns an active reservation into a sale: out of {@code ACTIVE} (the status guard makes one caller the
 * winner), its units sold in PostgreSQL in one transaction, as its last writes; after the commit its Redis keys are forgotten
 * without returning the units. When the caller's transaction holds this one (an order paid), "after the
 * commit" is after that outer commit: a payment that rolls back later leaves the hold's keys in place, so
 * the hold can still return its units to Redis when it expires. The sale's writes run through
 * {@code StockLedger.lastWrites}, just before the outermost commit (and its events' insert): a stock row is locked from
 * its {@code UPDATE} to the commit, and an order being paid has more to write after its stock is confirmed, which
 * would otherwise hold a best seller's row for every other payment and checkout of it.
 */
@Service
class StockConfirmation {

    private final ReservationQueries reservations;
    private final FlashSaleQueries sales;
    private final StockQueries stock;
    private final StockGate gate;
    private final StockLedger ledger;
    private final TransactionalOperator tx;

    StockConfirmation(ReservationQueries reservations, FlashSaleQueries sales, StockQueries stock, StockGate gate,
            StockLedger ledger, TransactionalOperator tx) {
        this.reservations = reservations;
        this.sales = sales;
        this.stock = stock;
        this.gate = gate;
        this.ledger = ledger;
        this.tx = tx;
    }

    /** The reservation after the sale; {@link ReservationNotActive} when it expired or was released. */
    Mono<Reservation> confirm(UUID reservationId) {
        return confirmAll(List.of(reservationId)).map(confirmed -> confirmed.get(0));
    }

    /**
     * The reservations after one sale of them all (in the order asked), or {@link ReservationNotActive} for the
     * first that is not active. Reservation rows are taken in id order and stock rows in variant order, so
     * concurrent confirmations wait for each other instead of deadlocking.
     */
    Mono<List<Reservation>> confirmAll(List<UUID> reservationIds) {
        Instant now = Instant.now();
        return Flux.fromIterable(reservationIds.stream().distinct().sorted().toList())
                .concatMap(id -> reservations.leaveActiveRead(id, Reservation.Status.CONFIRMED, now)
                        .switchIfEmpty(Mono.defer(() -> notActive(id))))
                .collectList()
                .flatMap(held -> ledger.lastWrites(Flux.fromIterable(inVariantOrder(held))
                                .concatMap(sale -> sell(sale.reservation(), sale.line())).then())
                        .thenMany(Flux.fromIterable(held))
                        .concatMap(reservation -> afterCommit(gate.forget(reservation).then()))
                        .then(Mono.just(held)))
                .as(tx::transactional)
                // Each was read after its move to CONFIRMED, in the transaction: the answer, in the order asked.
                .map(held -> {
                    Map<UUID, Reservation> byId = new HashMap<>();
                    held.forEach(reservation -> byId.put(reservation.id(), reservation));
                    return reservationIds.stream().map(byId::get).toList();
                });
    }

    private record Sale(Reservation reservation, Reservation.Line line) {
    }

    private static List<Sale> inVariantOrder(List<Reservation> held) {
        return held.stream()
                .flatMap(reservation -> reservation.lines().stream().map(line -> new Sale(reservation, line)))
                .sorted(Comparator.comparing((Sale sale) -> sale.line().variantId())
                        .thenComparing(sale -> sale.reservation().id()))
                .toList();
    }

    private Mono<Reservation> notActive(UUID reservationId) {
        return find(reservationId).flatMap(current -> Mono.error(new ReservationNotActive(
                current.status() == Reservation.Status.ACTIVE ? Reservation.Status.EXPIRED : current.status())));
    }

    /** Runs {@code work} once the outermost transaction has committed (at once when there is none). */
    private static Mono<Void> afterCommit(Mono<Void> work) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(transaction -> {
                    if (!transaction.isSynchronizationActive()) {
                        return work;
                    }
                    transaction.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return work;
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, none -> work);
    }

    private Mono<Reservation> find(UUID reservationId) {
        return reservations.find(reservationId).switchIfEmpty(Mono.error(ReservationNotFound::new));
    }

    private Mono<Void> sell(Reservation reservation, Reservation.Line line) {
        Mono<FlashSaleRow> sale = reservation.flashSaleId() == null ? Mono.empty()
                : sales.sell(reservation.flashSaleId(), line.quantity())
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("Flash sale "
                                + reservation.flashSaleId() + " has not claimed what it sells")));
        // The reference stays "reservation:<id>" as before the ledger had a reservation column.
        Movement why = Movement.of(Movement.SALE, "reservation:" + reservation.id(), reservation.id(),
                reservation.flashSaleId());
        return sale.then(stock.sell(line.variantId(), line.quantity(), why))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Stock of " + line.variantId()
                        + " does not hold the units reservation " + reservation.id() + " sells")))
                .flatMap(row -> ledger.levelChanged(row, 0));
    }
}
