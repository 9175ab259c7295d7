package dev.surge.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What other modules (cart, orders) may ask of inventory. */
public interface InventoryApi {

    /**
     * Units of each variant that can be reserved right now, read from the Redis gate (loaded from
     * PostgreSQL on demand). Variants the catalog does not know are absent from the answer.
     */
    Mono<Map<UUID, Integer>> available(Collection<UUID> variantIds);

    /**
     * Units to show a buyer (a cart's "n left"), as {@link #available} but possibly answered from what this
     * instance read within {@code surge.inventory.availability-cache-ttl} (1 s): changes made through this
     * instance show at once, changes made through others within that time. Reservations are the authority.
     */
    Mono<Map<UUID, Integer>> shownAvailable(Collection<UUID> variantIds);

    /**
     * Holds every line or none ({@link OutOfStock} names the first line that could not be held). The
     * reservation expires after the configured hold time unless confirmed.
     */
    Mono<Reservation> reserve(ReserveStock command);

    /**
     * {@link #reserve}, with the caller's work ({@code within}, which must emit) in the reservation's transaction,
     * before the reservation's rows and the stock rows: a stock row's lock is held from its {@code UPDATE} to the
     * commit only, and the reservation's rows are written by the statement of its first line's units. So
     * {@code within} cannot read the reservation, and may refer to it only through a constraint checked at the
     * commit ({@code order_reservations}, V65). Both commit or neither; whatever fails, the Redis grants are given
     * back. Emits what {@code within} emits.
     */
    <T> Mono<T> reserve(ReserveStock command, Function<Reservation, Mono<T>> within);

    /** Turns an active reservation into a sale; {@link ReservationNotActive} when it expired or was released. */
    Mono<Reservation> confirm(UUID reservationId);

    /**
     * Turns several active reservations (an order's) into one sale, all or none, selling their lines in variant
     * order whatever order they come in: two orders paid at once lock stock rows in the same order, so they
     * cannot deadlock. {@link ReservationNotActive} when any of them expired or was released.
     */
    Mono<List<Reservation>> confirmAll(List<UUID> reservationIds);

    /** Returns an active reservation's units; releasing one that is no longer active changes nothing. */
    Mono<Reservation> release(UUID reservationId);

    /** The reservation, whatever its status; {@link ReservationNotFound} when there is none. */
    Mono<Reservation> find(UUID reservationId);

    /**
     * The owner's flash-sale reservations that are still active and unexpired, oldest first, each with the
     * sale price of its units (checkout takes them over at that price).
     */
    Flux<SaleHold> saleHolds(String owner);

    /**
     * Takes the owner's active flash-sale hold over for {@code claimant} (an order): the owner can no longer
     * release it and {@link #saleHolds} no longer lists it; it is still confirmed, released or expired as
     * before. False when the hold is not the owner's, not active, or already taken over. Joins the caller's
     * transaction, so an order and its claim commit together.
     */
    Mono<Boolean> claim(UUID reservationId, String owner, String claimant);

    /**
     * Puts sold units back on hand (a paid order cancelled before it shipped). Happens at most once per
     * {@code reference} and variant, so a retried call changes nothing.
     */
    Mono<Void> restock(String reference, List<Reservation.Line> lines);
}
