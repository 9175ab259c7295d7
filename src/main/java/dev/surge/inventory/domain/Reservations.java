package dev.surge.inventory.domain;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReservationNotFound;
import dev.surge.inventory.SaleHold;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reservations as they are: one by id, a buyer's flash-sale holds, and an order taking a hold over. */
@Service
class Reservations {

    private final ReservationQueries reservations;

    Reservations(ReservationQueries reservations) {
        this.reservations = reservations;
    }

    /** The reservation, whatever its status; {@link ReservationNotFound} when there is none. */
    Mono<Reservation> find(UUID reservationId) {
        return reservations.find(reservationId).switchIfEmpty(Mono.error(ReservationNotFound::new));
    }

    /** The owner's active, unexpired flash-sale holds, oldest first, each with its sale price. */
    Flux<SaleHold> saleHolds(String owner) {
        return reservations.activeSaleHolds(owner, Instant.now())
                .concatMap(held -> reservations.find(held.reservationId())
                        .map(reservation -> new SaleHold(reservation, new Money(held.priceMinor(), held.currency()))));
    }

    /** Takes the owner's active flash-sale hold over for {@code claimant} (an order). */
    Mono<Boolean> claim(UUID reservationId, String owner, String claimant) {
        return reservations.claim(reservationId, owner, claimant);
    }
}
