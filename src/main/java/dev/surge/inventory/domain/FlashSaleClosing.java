package dev.surge.inventory.domain;

import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.Movement;
import dev.surge.inventory.data.StockCounters;
import dev.surge.inventory.data.StockQueries;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The end of flash sales: what nobody claimed goes back to normal stock, and the sale admits nobody in Redis. */
@Service
class FlashSaleClosing {

    private static final Logger log = LoggerFactory.getLogger(FlashSaleClosing.class);

    private final FlashSaleQueries sales;
    private final StockQueries stock;
    private final StockCounters counters;
    private final StockLedger ledger;
    private final TransactionalOperator tx;

    FlashSaleClosing(FlashSaleQueries sales, StockQueries stock, StockCounters counters, StockLedger ledger,
            TransactionalOperator tx) {
        this.sales = sales;
        this.stock = stock;
        this.counters = counters;
        this.ledger = ledger;
        this.tx = tx;
    }

    /** Closes ended sales: their unclaimed units return to normal stock, once, whichever instance runs it. */
    Mono<Integer> closeEnded(Instant now) {
        return sales.due(now)
                .concatMap(id -> sales.close(id, now)
                        .flatMap(closed -> (closed.leftover() > 0
                                ? stock.unreserve(closed.variantId(), closed.leftover(),
                                        Movement.ofSale(Movement.FLASH_SALE_CLOSED, id, null))
                                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("Stock of "
                                                + closed.variantId() + " does not hold the pool of sale " + id)))
                                        .flatMap(row -> ledger.levelChanged(row, closed.leftover()))
                                : Mono.<Void>empty()).thenReturn(closed))
                        .as(tx::transactional)
                        .flatMap(closed -> counters.saleClose(closed.saleId(), now)
                                .then(counters.add(closed.variantId(), closed.leftover()))
                                .thenReturn(1))
                        .onErrorResume(e -> {
                            log.warn("Could not close flash sale {}; next round retries: {}", id, e.toString());
                            return Mono.empty();
                        }))
                .reduce(0, Integer::sum);
    }
}
