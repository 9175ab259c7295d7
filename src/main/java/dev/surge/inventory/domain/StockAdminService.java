package dev.surge.inventory.domain;

import dev.surge.inventory.UnknownVariant;
import dev.surge.inventory.data.Movement;
import dev.surge.inventory.data.StockCounters;
import dev.surge.inventory.data.StockQueries;
import dev.surge.inventory.data.StockRow;
import dev.surge.platform.audit.AuditTrail;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stock as the back office sees it: levels, and audited changes of on-hand units. Each change is one
 * conditional statement (never below what is reserved), a stock movement, an audit entry and the level
 * event in one transaction; the Redis counter follows by the same delta after the commit.
 */
@Service
public class StockAdminService {

    private final StockQueries stock;
    private final StockCounters counters;
    private final StockGate gate;
    private final StockLedger ledger;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    StockAdminService(StockQueries stock, StockCounters counters, StockGate gate, StockLedger ledger, AuditTrail audit,
            TransactionalOperator tx) {
        this.stock = stock;
        this.counters = counters;
        this.gate = gate;
        this.ledger = ledger;
        this.audit = audit;
        this.tx = tx;
    }

    public Mono<StockLevel> level(UUID variant) {
        return gate.stockRow(variant).switchIfEmpty(Mono.error(UnknownVariant::new))
                .flatMap(row -> gate.counter(variant).map(Long::intValue)
                        .onErrorResume(e -> Mono.empty())
                        .map(redis -> StockLevel.of(row, redis))
                        .defaultIfEmpty(StockLevel.of(row, null)));
    }

    public Flux<StockLevel> report(boolean lowOnly, int limit) {
        return stock.report(lowOnly, limit).map(row -> StockLevel.of(row, null));
    }

    /** Sets on-hand units (a stock count); 409 when fewer than the units already reserved. */
    public Mono<StockLevel> set(UUID variant, int onHand, Integer threshold, String reason, UUID actor,
            AuditTrail.Origin origin) {
        return gate.stockRow(variant).switchIfEmpty(Mono.error(UnknownVariant::new))
                .then(stock.setOnHand(variant, onHand, Movement.byStaff(Movement.STOCK_COUNT, actor, reason)))
                .switchIfEmpty(Mono.error(() -> new FlashSaleErrors.InsufficientStock(
                        "On hand cannot be set below the units already reserved")))
                .flatMap(set -> record(set.row(), onHand - set.previousOnHand(), threshold,
                        new Audited("inventory.stock.set", reason, actor, origin)))
                .as(tx::transactional)
                .flatMap(this::followInRedis);
    }

    /** Adds (or with a negative delta removes) on-hand units; 409 when that would go below reserved. */
    public Mono<StockLevel> adjust(UUID variant, int delta, String reason, UUID actor, AuditTrail.Origin origin) {
        return gate.stockRow(variant).switchIfEmpty(Mono.error(UnknownVariant::new))
                .then(stock.adjust(variant, delta, Movement.byStaff(Movement.ADJUSTMENT, actor, reason)))
                .switchIfEmpty(Mono.error(() -> new FlashSaleErrors.InsufficientStock(
                        "On hand cannot fall below the units already reserved")))
                .flatMap(row -> record(row, delta, null, new Audited("inventory.stock.adjusted", reason, actor, origin)))
                .as(tx::transactional)
                .flatMap(this::followInRedis);
    }

    private record Changed(StockRow row, int delta) {
    }

    /** Who changed stock, why, and the audit action it is recorded as. */
    private record Audited(String action, String reason, UUID actor, AuditTrail.Origin origin) {
    }

    private Mono<Changed> record(StockRow changed, int delta, Integer threshold, Audited why) {
        Mono<StockRow> row = threshold == null ? Mono.just(changed) : stock.setThreshold(changed.variantId(), threshold);
        // The stock movement was written by the change's own statement.
        return row.flatMap(current -> ledger.levelChanged(current, delta)
                .then(audit.record(why.action(), why.actor(), current.variantId(), why.origin(), Map.of("delta", delta,
                        "onHand", current.onHand(), "reserved", current.reserved(), "reason", why.reason())))
                .thenReturn(new Changed(current, delta)));
    }

    /** Units added: credit the gate. Units removed: lower it to the committed truth (never below, never negative). */
    private Mono<StockLevel> followInRedis(Changed changed) {
        UUID variant = changed.row().variantId();
        Mono<Void> redis = changed.delta() >= 0 ? counters.add(variant, changed.delta())
                : counters.clamp(variant, changed.row().available());
        return redis.onErrorResume(e -> Mono.empty()).then(level(variant));
    }
}
