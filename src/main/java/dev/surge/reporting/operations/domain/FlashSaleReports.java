package dev.surge.reporting.operations.domain;

import dev.surge.inventory.FlashSaleAttempts;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import dev.surge.reporting.operations.data.FlashSaleReportQueries;
import dev.surge.reporting.operations.data.FlashSaleReportQueries.SaleKey;
import dev.surge.reporting.operations.domain.FlashSaleFigures.Stored;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Flash-sale outcomes: PostgreSQL's figures of a sale joined with the attempt counts the inventory module
 * keeps in Redis ({@link FlashSaleAttempts}). A sale outside the caller's scope is {@code flash_sale_not_found}.
 */
@Service
public class FlashSaleReports {

    private final FlashSaleReportQueries queries;
    private final FlashSaleAttempts attempts;
    private final Cursors cursors;

    FlashSaleReports(FlashSaleReportQueries queries, FlashSaleAttempts attempts, Cursors cursors) {
        this.queries = queries;
        this.attempts = attempts;
        this.cursors = cursors;
    }

    public Mono<FlashSaleFigures> find(ReportScope scope, UUID saleId) {
        return queries.find(saleId).filter(sale -> ReportScopes.covers(scope, sale.merchantId()))
                .switchIfEmpty(Mono.error(ReportErrors.FlashSaleNotFound::new))
                .flatMap(this::withAttempts);
    }

    public Mono<Page<FlashSaleFigures>> list(ReportScope scope, int limit, String cursor) {
        String cursorScope = "flash-sales|" + scope.merchant();
        return Mono.defer(() -> queries.list(scope.merchant(), cursor == null ? null : key(cursors.decode(cursor, cursorScope)),
                        limit + 1).concatMap(this::withAttempts).collectList())
                .map(rows -> InventoryReports.page(rows, limit, last -> cursors.encode(cursorScope,
                        List.of(last.startsAt().toString(), last.id().toString()))));
    }

    private Mono<FlashSaleFigures> withAttempts(Stored sale) {
        return attempts.counts(sale.id()).map(counts -> figures(sale, counts, Instant.now()));
    }

    static FlashSaleFigures figures(Stored sale, FlashSaleAttempts.Counts counts, Instant now) {
        Instant soldOutAt = counts.firstSoldOutAt();
        Long toSellOut = soldOutAt == null ? null : Math.max(0, Duration.between(sale.startsAt(), soldOutAt).toSeconds());
        Money revenue = Money.of(sale.price().amountMinor() * sale.unitsSold(), sale.price().currency());
        return new FlashSaleFigures(sale.id(), sale.name(), sale.variantId(), sale.merchantId(), state(sale, now),
                sale.price(), sale.startsAt(), sale.endsAt(), sale.closedAt(), sale.unitsOffered(), counts.attempts(),
                counts.soldOut(), sale.holds().claims(), sale.holds().unitsClaimed(), sale.holds().active(),
                sale.holds().expired(), sale.holds().unitsExpired(), sale.holds().released(), sale.holds().ordersPaid(),
                sale.unitsSold(), revenue, soldOutAt, toSellOut);
    }

    private static String state(Stored sale, Instant now) {
        if (sale.closedAt() != null || !now.isBefore(sale.endsAt())) {
            return "ENDED";
        }
        return now.isBefore(sale.startsAt()) ? "UPCOMING" : "ACTIVE";
    }

    private static SaleKey key(List<String> keys) {
        try {
            UUID id = keys.size() == 2 ? Ids.parseOrNull(keys.get(1)) : null;
            if (id != null) {
                return new SaleKey(Instant.parse(keys.get(0)), id);
            }
        } catch (DateTimeParseException e) {
            // falls through to the refusal
        }
        throw new ReportErrors.InvalidCursor();
    }
}
