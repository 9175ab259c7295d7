package dev.surge.reporting.operations.domain;

import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.reporting.operations.data.InventoryReportQueries;
import dev.surge.reporting.operations.data.InventoryReportQueries.MovementKey;
import dev.surge.reporting.operations.data.InventoryReportQueries.StockQuery;
import dev.surge.reporting.operations.domain.InventoryFigures.Movement;
import dev.surge.reporting.operations.domain.InventoryFigures.SellThrough;
import dev.surge.reporting.operations.domain.InventoryFigures.StockLine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stock now, the stock ledger and sell-through, within a {@link ReportScope}. JSON pages by keyset
 * cursor; {@code all} variants stream every row (CSV) without holding them.
 */
@Service
public class InventoryReports {

    /** Rows a CSV reads from PostgreSQL per statement; the export streams statement after statement. */
    private static final int CSV_BATCH = 1000;

    private final InventoryReportQueries queries;
    private final Cursors cursors;

    InventoryReports(InventoryReportQueries queries, Cursors cursors) {
        this.queries = queries;
        this.cursors = cursors;
    }

    /** Which variants' stock: under their threshold only, and a threshold that overrides each variant's. */
    public record StockFilter(boolean lowOnly, Integer threshold) {

        String scope(ReportScope scope) {
            return "stock|" + scope.merchant() + "|" + lowOnly + "|" + threshold;
        }
    }

    public Mono<Page<StockLine>> stock(ReportScope scope, StockFilter filter, int limit, String cursor) {
        return Mono.defer(() -> {
            UUID after = cursor == null ? null : uuidKey(cursors.decode(cursor, filter.scope(scope)));
            StockQuery query = new StockQuery(scope.merchant(), filter.lowOnly(), filter.threshold());
            return queries.stock(query, after, limit + 1).collectList();
        }).map(rows -> page(rows, limit, last -> cursors.encode(filter.scope(scope), List.of(last.variantId().toString()))));
    }

    public Flux<StockLine> allStock(ReportScope scope, StockFilter filter) {
        StockQuery query = new StockQuery(scope.merchant(), filter.lowOnly(), filter.threshold());
        return queries.stock(query, null, CSV_BATCH).collectList()
                .expand(batch -> batch.size() < CSV_BATCH ? Mono.empty()
                        : queries.stock(query, batch.get(batch.size() - 1).variantId(), CSV_BATCH).collectList())
                .concatMapIterable(batch -> batch);
    }

    /** The ledger, oldest first; a variant outside the scope (or unknown) is {@code variant_not_found}. */
    public Mono<Page<Movement>> movements(ReportScope scope, MovementFilter filter, int limit, String cursor) {
        return checkVariant(scope, filter.variant()).then(Mono.defer(() -> {
            MovementKey after = cursor == null ? null : movementKey(cursors.decode(cursor, filter.scope(scope)));
            return queries.movements(filter, scope.merchant(), after, limit + 1).collectList();
        })).map(rows -> page(rows, limit, last -> cursors.encode(filter.scope(scope),
                List.of(last.at().toString(), last.id().toString()))));
    }

    public Flux<Movement> allMovements(ReportScope scope, MovementFilter filter) {
        return checkVariant(scope, filter.variant()).thenMany(queries.movements(filter, scope.merchant(), null, CSV_BATCH)
                .collectList()
                .expand(batch -> {
                    if (batch.size() < CSV_BATCH) {
                        return Mono.empty();
                    }
                    Movement last = batch.get(batch.size() - 1);
                    return queries.movements(filter, scope.merchant(), new MovementKey(last.at(), last.id()), CSV_BATCH)
                            .collectList();
                })
                .concatMapIterable(batch -> batch));
    }

    public Flux<SellThrough> sellThrough(ReportScope scope, Instant from, Instant to, int limit) {
        return queries.sellThrough(scope.merchant(), from, to, limit);
    }

    private Mono<Void> checkVariant(ReportScope scope, UUID variant) {
        return variant == null ? Mono.empty() : queries.merchantOfVariant(variant)
                .filter(merchant -> ReportScopes.covers(scope, merchant))
                .switchIfEmpty(Mono.error(ReportErrors.VariantNotFound::new))
                .then();
    }

    static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorAfter.apply(items.get(limit - 1)));
    }

    private static UUID uuidKey(List<String> keys) {
        UUID id = keys.size() == 1 ? Ids.parseOrNull(keys.get(0)) : null;
        if (id == null) {
            throw new ReportErrors.InvalidCursor();
        }
        return id;
    }

    private static MovementKey movementKey(List<String> keys) {
        try {
            UUID id = keys.size() == 2 ? Ids.parseOrNull(keys.get(1)) : null;
            if (id != null) {
                return new MovementKey(Instant.parse(keys.get(0)), id);
            }
        } catch (DateTimeParseException e) {
            // falls through to the refusal
        }
        throw new ReportErrors.InvalidCursor();
    }
}
