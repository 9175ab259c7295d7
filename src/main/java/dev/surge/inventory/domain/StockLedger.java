package dev.surge.inventory.domain;

import dev.surge.inventory.LowStock;
import dev.surge.inventory.StockLevelChanged;
import dev.surge.inventory.UnknownVariant;
import dev.surge.inventory.data.Movement;
import dev.surge.inventory.data.NewReservation;
import dev.surge.inventory.data.StockQueries;
import dev.surge.inventory.data.StockRow;
import dev.surge.platform.events.Outbox;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reserving units of normal stock in PostgreSQL (a conditional {@code UPDATE}, never below zero) with the
 * events every change of a stock row publishes, in the caller's transaction.
 */
@Component
class StockLedger {

    private final StockQueries stock;
    private final Outbox outbox;
    private final StockGate gate;

    StockLedger(StockQueries stock, Outbox outbox, StockGate gate) {
        this.stock = stock;
        this.outbox = outbox;
        this.gate = gate;
    }

    /**
     * Runs {@code writes} (stock changes) as the last writes of the outermost transaction, just before the insert of
     * its events and its commit: a stock row is then locked for as short a time as the transaction allows.
     */
    Mono<Void> lastWrites(Mono<Void> writes) {
        return outbox.beforeCommit(writes);
    }

    /** Reserves the units, or signals what {@code refused} makes when fewer are available. */
    Mono<Void> reserve(UUID variant, int quantity, Movement why, Supplier<? extends Throwable> refused) {
        return reserve(variant, quantity, why, null, refused);
    }

    /** As {@link #reserve(UUID, int, Movement, Supplier)}, writing {@code head} (null: none) in the same statement. */
    Mono<Void> reserve(UUID variant, int quantity, Movement why, NewReservation head,
            Supplier<? extends Throwable> refused) {
        return stock.reserve(variant, quantity, why, head)
                .switchIfEmpty(Mono.error(refused))
                .flatMap(row -> levelChanged(row, -quantity));
    }

    /**
     * Takes a campaign's units out of normal stock: the row after the change, {@link UnknownVariant} or
     * {@link FlashSaleErrors.InsufficientStock}.
     */
    Mono<StockRow> reserveForSale(UUID variant, int quantity, Movement why) {
        return gate.stockRow(variant).switchIfEmpty(Mono.error(UnknownVariant::new))
                .then(stock.reserve(variant, quantity, why))
                .switchIfEmpty(Mono.error(() -> new FlashSaleErrors.InsufficientStock(
                        "Fewer than " + quantity + " units of the variant are available")))
                .flatMap(level -> levelChanged(level, -quantity).thenReturn(level));
    }

    /** After the commit: lowers the variant's Redis gate to the committed truth (never below, never negative). */
    Mono<Void> lowerGate(UUID variant, long truth) {
        return gate.lowerTo(variant, truth);
    }

    /**
     * Publishes the new level of a stock row (inside the transaction) and, when this change took the
     * variant under its threshold, a {@link LowStock}. {@code returned} is the change in available units.
     */
    Mono<Void> levelChanged(StockRow row, int returned) {
        Mono<Void> level = outbox.append(new StockLevelChanged(row.variantId(), row.onHand(), row.reserved(), row.version()));
        int before = row.available() - returned;
        boolean crossed = row.available() < row.lowStockThreshold() && before >= row.lowStockThreshold();
        return crossed ? level.then(outbox.append(new LowStock(row.variantId(), row.available(), row.lowStockThreshold())))
                : level;
    }
}
