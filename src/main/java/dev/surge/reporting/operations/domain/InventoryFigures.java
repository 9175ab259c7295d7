package dev.surge.reporting.operations.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The inventory report's rows. */
public final class InventoryFigures {

    private InventoryFigures() {
    }

    /** A variant's stock now; {@code lowStock}: available under {@code threshold}. */
    public record StockLine(UUID variantId, String sku, UUID productId, String product, UUID merchantId, int onHand,
            int reserved, int available, int threshold, boolean lowStock) {
    }

    /**
     * One change in the stock ledger. {@code onHandDelta}/{@code reservedDelta}: what it did to the stock row;
     * {@code units}: the units it was about (a flash claim moves units inside a sale's pool, both deltas 0);
     * {@code onHand}/{@code reserved}: the levels after it ({@code reserved} null on rows from before the ledger
     * recorded it). {@code orderId}: the order it was for, when one was.
     */
    public record Movement(UUID id, Instant at, UUID variantId, String sku, String reason, int onHandDelta,
            int reservedDelta, Integer units, int onHand, Integer reserved, String reference, UUID orderId,
            UUID reservationId, UUID flashSaleId, UUID actor, String note) {
    }

    /**
     * A product over a period: units sold (sales minus returns in the period), what was available at its end,
     * and sell-through = sold / (sold + available at end), null when both are zero.
     */
    public record SellThrough(UUID productId, String product, UUID merchantId, long unitsSold, long unitsReturned,
            long availableAtEnd, BigDecimal sellThrough) {
    }
}
