package dev.surge.inventory.domain;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReservationNotActive;
import dev.surge.inventory.ReservationNotFound;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.FlashSaleRow;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.inventory.data.StockQueries;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns an active reservation into a sale: out of {@code ACTIVE} (the status guard makes one caller the
 * winner), its units sold in PostgreSQL in one transaction; after the commit its Redis keys are forgotten
 * without returning the units.
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
                .flatMap(reservation -> gate.forget(reservation).then(find(reservationId)));
    }

    private Mono<Reservation> find(UUID reservationId) {
        return reservations.find(reservationId).switchIfEmpty(Mono.error(ReservationNotFound::new));
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
                        .then(ledger.levelChanged(row, 0)));
    }
}
