package dev.surge.inventory.domain;

import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReserveStock;
import dev.surge.inventory.SaleHold;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The inventory module's door for other modules (cart, orders): delegates to the use cases. */
@Service
class InventoryFacade implements InventoryApi {

    private final StockGate gate;
    private final StockReservations reservations;
    private final StockConfirmation confirmation;
    private final StockRelease release;
    private final Reservations lookup;
    private final Restock restock;

    InventoryFacade(StockGate gate, StockReservations reservations, StockConfirmation confirmation,
            StockRelease release, Reservations lookup, Restock restock) {
        this.gate = gate;
        this.reservations = reservations;
        this.confirmation = confirmation;
        this.release = release;
        this.lookup = lookup;
        this.restock = restock;
    }

    @Override
    public Mono<Map<UUID, Integer>> available(Collection<UUID> variantIds) {
        return gate.available(variantIds);
    }

    @Override
    public Mono<Map<UUID, Integer>> shownAvailable(Collection<UUID> variantIds) {
        return gate.shown(variantIds);
    }

    @Override
    public Mono<Reservation> reserve(ReserveStock command) {
        return reservations.reserve(command, Mono::just);
    }

    @Override
    public <T> Mono<T> reserve(ReserveStock command, Function<Reservation, Mono<T>> within) {
        return reservations.reserve(command, within);
    }

    @Override
    public Mono<Reservation> confirm(UUID reservationId) {
        return confirmation.confirm(reservationId);
    }

    @Override
    public Mono<List<Reservation>> confirmAll(List<UUID> reservationIds) {
        return confirmation.confirmAll(reservationIds);
    }

    @Override
    public Mono<Reservation> release(UUID reservationId) {
        return release.release(reservationId);
    }

    @Override
    public Mono<Reservation> find(UUID reservationId) {
        return lookup.find(reservationId);
    }

    @Override
    public Flux<SaleHold> saleHolds(String owner) {
        return lookup.saleHolds(owner);
    }

    @Override
    public Mono<Boolean> claim(UUID reservationId, String owner, String claimant) {
        return lookup.claim(reservationId, owner, claimant);
    }

    @Override
    public Mono<Void> restock(String reference, List<Reservation.Line> lines) {
        return restock.restock(reference, lines);
    }
}
