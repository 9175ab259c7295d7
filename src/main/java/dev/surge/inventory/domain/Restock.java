package dev.surge.inventory.domain;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.data.StockCounters;
import dev.surge.inventory.data.StockQueries;
import dev.surge.platform.persistence.Ids;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sold units put back on hand (a paid order cancelled before it shipped): once per reference and
 * variant, in PostgreSQL in one transaction (rows in variant-id order), then credited to the Redis gate.
 */
@Service
class Restock {

    private static final Logger log = LoggerFactory.getLogger(Restock.class);

    private final StockQueries stock;
    private final StockCounters counters;
    private final StockLedger ledger;
    private final TransactionalOperator tx;

    Restock(StockQueries stock, StockCounters counters, StockLedger ledger, TransactionalOperator tx) {
        this.stock = stock;
        this.counters = counters;
        this.ledger = ledger;
        this.tx = tx;
    }

    Mono<Void> restock(String reference, List<Reservation.Line> lines) {
        List<Reservation.Line> sorted = lines.stream().sorted(Comparator.comparing(Reservation.Line::variantId)).toList();
        return Flux.fromIterable(sorted)
                .concatMap(line -> {
                    UUID movement = Ids.newId();
                    return stock.firstReturn(line.variantId(), line.quantity(), reference, movement)
                            .filter(Boolean::booleanValue)
                            .flatMap(first -> stock.adjust(line.variantId(), line.quantity(), null)
                                    .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                                            "No stock row for returned variant " + line.variantId())))
                                    .flatMap(row -> stock.returnedTo(movement, row)
                                            .then(ledger.levelChanged(row, line.quantity()))
                                            .thenReturn(line)));
                })
                .collectList()
                .as(tx::transactional)
                .flatMapMany(Flux::fromIterable)
                .concatMap(line -> counters.add(line.variantId(), line.quantity()).onErrorResume(e -> {
                    log.warn("Could not return {} units of {} to Redis; reconciliation will: {}", line.quantity(),
                            line.variantId(), e.toString());
                    return Mono.empty();
                }))
                .then();
    }
}
