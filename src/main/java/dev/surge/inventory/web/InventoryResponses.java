package dev.surge.inventory.web;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.domain.FlashSale;
import dev.surge.inventory.domain.StockLevel;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the inventory endpoints. */
final class InventoryResponses {

    private InventoryResponses() {
    }

    /** A reservation; {@code unitPrice} is the flash-sale price when it came from a sale. */
    record ReservationResponse(UUID id, String status, UUID flashSaleId, List<Reservation.Line> lines,
            Money unitPrice, Instant expiresAt, Instant createdAt) {

        static ReservationResponse of(Reservation reservation, Money unitPrice) {
            return new ReservationResponse(reservation.id(), reservation.status().name().toLowerCase(),
                    reservation.flashSaleId(), reservation.lines(), unitPrice, reservation.expiresAt(),
                    reservation.createdAt());
        }
    }

    record FlashSaleListResponse(List<FlashSale> items) {
    }

    /** The caller's flash-sale holds that no order has taken over yet. */
    record ReservationListResponse(List<ReservationResponse> items) {
    }

    record StockLevelListResponse(List<StockLevel> items) {
    }
}
