package dev.surge.inventory.data;

import java.time.Instant;
import java.util.UUID;

/** A flash-sale campaign as stored. {@code quantity - taken} units remain to be claimed. */
public record FlashSaleRow(UUID id, UUID variantId, String name, long priceMinor, String currency, int quantity,
        int taken, int sold, int perCustomerLimit, int holdSeconds, Instant startsAt, Instant endsAt,
        Instant closedAt, Instant createdAt) {

    public int remaining() {
        return quantity - taken;
    }
}
