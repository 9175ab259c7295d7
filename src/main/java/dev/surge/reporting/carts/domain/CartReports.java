package dev.surge.reporting.carts.domain;

import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.reporting.carts.config.CartReportProperties;
import dev.surge.reporting.carts.data.CartReportQueries;
import dev.surge.reporting.carts.data.CartReportQueries.Abandoned;
import dev.surge.reporting.carts.data.CartReportQueries.After;
import dev.surge.reporting.sales.domain.SalesQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The carts reports: the funnel per interval (carts started, carts with items, checkouts, paid orders) and the
 * abandoned signed-in carts with their value per currency. Store-wide figures, for administrators (the access
 * table): carts belong to no merchant.
 */
@Component
public class CartReports {

    private static final String CURSOR_SCOPE = "reports-abandoned-carts";

    private final CartReportQueries queries;
    private final CartReportProperties properties;
    private final Cursors cursors;

    CartReports(CartReportQueries queries, CartReportProperties properties, Cursors cursors) {
        this.queries = queries;
        this.properties = properties;
        this.cursors = cursors;
    }

    public Flux<CartFigures.Funnel> funnel(SalesQuery query) {
        return queries.funnel(query);
    }

    /** The abandoned carts the query asks for: carts last changed on its days, idle for the configured time. */
    public record AbandonedQuery(LocalDate from, LocalDate to, String currency) {
    }

    /** A page of abandoned carts, the totals of all of them per currency, and what "abandoned" meant. */
    public record AbandonedReport(Duration abandonedAfter, Instant idleSince, List<CartFigures.AbandonedTotal> totals,
            Page<CartFigures.AbandonedCart> page) {
    }

    /** A page ({@code limit}, after {@code cursor}) of the abandoned carts, with the totals of every one of them. */
    public Mono<AbandonedReport> abandoned(AbandonedQuery query, int limit, String cursor) {
        return Mono.defer(() -> {
            After after = cursor == null ? null : after(cursors.decode(cursor, CURSOR_SCOPE));
            Abandoned a = selection(query);
            Mono<List<CartFigures.AbandonedTotal>> totals = queries.abandonedTotals(a).collectList();
            Mono<Page<CartFigures.AbandonedCart>> page = queries.abandoned(a, after, limit + 1).collectList()
                    .map(rows -> page(rows, limit));
            return Mono.zip(totals, page, (t, p) -> new AbandonedReport(properties.abandonedAfter(), a.idleSince(), t, p));
        });
    }

    /** Every abandoned cart of the query, page after page (for CSV), the most recently active first. */
    public Flux<CartFigures.AbandonedCart> allAbandoned(AbandonedQuery query, int batch) {
        Abandoned a = selection(query);
        return queries.abandoned(a, null, batch).collectList()
                .expand(rows -> rows.size() < batch ? Mono.empty()
                        : queries.abandoned(a, new After(rows.get(rows.size() - 1).lastActivityAt(),
                                rows.get(rows.size() - 1).customerId()), batch).collectList())
                .concatMapIterable(rows -> rows);
    }

    /** The totals per currency of every abandoned cart of the query. */
    public Flux<CartFigures.AbandonedTotal> abandonedTotals(AbandonedQuery query) {
        return queries.abandonedTotals(selection(query));
    }

    private Abandoned selection(AbandonedQuery query) {
        return new Abandoned(Instant.now().minus(properties.abandonedAfter()),
                query.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), query.currency());
    }

    private Page<CartFigures.AbandonedCart> page(List<CartFigures.AbandonedCart> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        CartFigures.AbandonedCart last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), cursors.encode(CURSOR_SCOPE,
                List.of(last.lastActivityAt().toString(), last.customerId().toString())));
    }

    private static After after(List<String> keys) {
        try {
            return new After(Instant.parse(keys.get(0)), UUID.fromString(keys.get(1)));
        } catch (RuntimeException e) {
            throw new CartReportErrors.InvalidCursor();
        }
    }
}
