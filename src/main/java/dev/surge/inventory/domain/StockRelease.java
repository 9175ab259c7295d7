package dev.surge.inventory.domain;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReservationNotFound;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.Movement;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.inventory.data.StockCounters;
import dev.surge.inventory.data.StockQueries;
import dev.surge.inventory.domain.InventoryErrors.ReservationInOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves of every reservation (flash-sale ones included) out of {@code ACTIVE} that return its units:
 * released by the buyer or an order, or expired. The status guard in PostgreSQL makes one caller the
 * winner; after its commit, the winner gives the units back in Redis through the reservation's own key,
 * which can only be deleted once. A crash in between leaves Redis short (never over), which
 * reconciliation repairs.
 */
@Service
public class StockRelease {

    private static final Logger log = LoggerFactory.getLogger(StockRelease.class);

    private final ReservationQueries reservations;
    private final FlashSaleQueries sales;
    private final StockQueries stock;
    private final StockCounters counters;
    private final StockLedger ledger;
    private final TransactionalOperator tx;

    StockRelease(ReservationQueries reservations, FlashSaleQueries sales, StockQueries stock, StockCounters counters,
            StockLedger ledger, TransactionalOperator tx) {
        this.reservations = reservations;
        this.sales = sales;
        this.stock = stock;
        this.counters = counters;
        this.ledger = ledger;
        this.tx = tx;
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

    /** Returns an active reservation's units; releasing one that is no longer active changes nothing. */
    Mono<Reservation> release(UUID reservationId) {
        return leave(reservationId, Reservation.Status.RELEASED, null, false).then(find(reservationId));
    }

    /** Expires a reservation whose time has passed; false when another instance or a confirm won. */
    Mono<Boolean> expire(UUID reservationId, Instant now) {
        return leave(reservationId, Reservation.Status.EXPIRED, now, false);
    }

    private Mono<Reservation> find(UUID reservationId) {
        return reservations.find(reservationId).switchIfEmpty(Mono.error(ReservationNotFound::new));
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
            return unreserveStock(reservation, line)
                    .thenReturn(new Return(reservation.id(), line.variantId(), null, false));
        }
        return sales.untake(reservation.flashSaleId(), line.quantity())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Flash sale " + reservation.flashSaleId()
                        + " has not claimed the units of reservation " + reservation.id())))
                .flatMap(sale -> sale.closedAt() == null
                        ? stock.movement(line.variantId(), line.quantity(), movement(reservation))
                                .thenReturn(new Return(reservation.id(), line.variantId(), sale.id(), false))
                        // The sale is over: its pool shrank with these units, which go back to normal stock.
                        : unreserveStock(reservation, line)
                                .thenReturn(new Return(reservation.id(), line.variantId(), sale.id(), true)));
    }

    private Mono<Void> unreserveStock(Reservation reservation, Reservation.Line line) {
        return stock.unreserve(line.variantId(), line.quantity(), movement(reservation))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Stock of " + line.variantId()
                        + " does not hold the units of reservation " + reservation.id())))
                .flatMap(row -> ledger.levelChanged(row, line.quantity()));
    }

    /** The ledger's record of the reservation's move: read after it, so its status says released or expired. */
    private static Movement movement(Reservation reservation) {
        String reason = reservation.status() == Reservation.Status.EXPIRED ? Movement.EXPIRED : Movement.RELEASED;
        return Movement.of(reason, reservation.owner(), reservation.id(), reservation.flashSaleId());
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
}
