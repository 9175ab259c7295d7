package dev.surge.inventory;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What the flash-sale attempt script counted per sale, for reports. The counts are kept in Redis by the
 * script itself (no write of any kind is added per attempt), so they are as durable as Redis: a Redis that
 * lost its data counts from zero again.
 */
public interface FlashSaleAttempts {

    /** The sale's counts; zeros (and no sold-out time) when nobody tried yet or the sale is unknown. */
    Mono<Counts> counts(UUID saleId);

    /**
     * {@code attempts}: attempts the script decided (inside or outside the window, over the limit or not);
     * {@code soldOut}: those answered sold out; {@code firstSoldOutAt}: when a claim first took the last unit.
     */
    record Counts(long attempts, long soldOut, Instant firstSoldOutAt) {
    }
}
