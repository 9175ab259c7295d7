package dev.surge.inventory.domain;

import dev.surge.inventory.data.FlashSaleRow;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A flash-sale campaign as shown to buyers and admins. {@code remaining} are units nobody has claimed;
 * {@code claimed} are units held by buyers or sold, {@code sold} those already paid for.
 */
public record FlashSale(UUID id, String name, UUID variantId, Money price, int quantity, int remaining, int claimed,
        int sold, int perCustomerLimit, int holdSeconds, Instant startsAt, Instant endsAt, State state) {

    public enum State {
        UPCOMING, ACTIVE, SOLD_OUT, ENDED
    }

    static FlashSale of(FlashSaleRow row, Instant now) {
        State state;
        if (row.closedAt() != null || !now.isBefore(row.endsAt())) {
            state = State.ENDED;
        } else if (now.isBefore(row.startsAt())) {
            state = State.UPCOMING;
        } else {
            state = row.remaining() == 0 ? State.SOLD_OUT : State.ACTIVE;
        }
        int remaining = state == State.ENDED ? 0 : row.remaining();
        return new FlashSale(row.id(), row.name(), row.variantId(), Money.of(row.priceMinor(), row.currency()),
                row.quantity(), remaining, row.taken(), row.sold(), row.perCustomerLimit(), row.holdSeconds(),
                row.startsAt(), row.endsAt(), state);
    }
}
