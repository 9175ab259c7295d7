package dev.surge.reporting.carts.web;

import dev.surge.platform.web.Csv;
import dev.surge.platform.web.QueryParams;
import dev.surge.reporting.carts.domain.CartReports;
import dev.surge.reporting.carts.domain.CartReports.AbandonedQuery;
import dev.surge.reporting.sales.domain.SalesQuery;
import dev.surge.reporting.sales.web.ReportParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The carts reports over HTTP: JSON, or CSV for a {@code .csv} path or {@code Accept: text/csv}. */
@Component
class CartReportHandler {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** Rows the abandoned-carts CSV reads per statement. */
    private static final int CSV_BATCH = 1_000;

    private final CartReports reports;

    CartReportHandler(CartReports reports) {
        this.reports = reports;
    }

    Mono<ServerResponse> funnel(ServerRequest request) {
        return Mono.defer(() -> {
            QueryParams params = QueryParams.of(request);
            storeWide(params, "currency", "counts every currency together; per currency see /conversion");
            SalesQuery query = ReportParams.query(params);
            return wantsCsv(request)
                    ? csv("carts", CartViews.FUNNEL_COLUMNS, reports.funnel(query).map(CartViews::funnelLine))
                    : reports.funnel(query).map(CartViews.FunnelView::of).collectList()
                            .flatMap(items -> json(new CartViews.FunnelBody(CartViews.Range.of(query), items)));
        });
    }

    Mono<ServerResponse> abandoned(ServerRequest request) {
        return Mono.defer(() -> {
            QueryParams params = QueryParams.of(request);
            storeWide(params, "interval", "the abandoned carts are a list, not per interval");
            int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            String cursor = params.text("cursor").orElse(null);
            SalesQuery range = ReportParams.query(params);
            AbandonedQuery query = new AbandonedQuery(range.from(), range.to(), range.currency());
            if (wantsCsv(request)) {
                return csv("abandoned-carts", CartViews.ABANDONED_COLUMNS, Flux.concat(
                        reports.allAbandoned(query, CSV_BATCH).map(CartViews::abandonedLine),
                        reports.abandonedTotals(query).map(CartViews::abandonedTotalLine)));
            }
            return reports.abandoned(query, limit, cursor)
                    .flatMap(report -> json(CartViews.AbandonedBody.of(query, report)));
        });
    }

    /** Carts belong to no merchant: a {@code merchant} (and {@code other}) parameter is refused, not ignored. */
    private static void storeWide(QueryParams params, String other, String why) {
        if (params.text("merchant").isPresent()) {
            params.reject("merchant", "not_supported", "carts belong to no merchant: the report is the whole store's");
        }
        if (params.text(other).isPresent()) {
            params.reject(other, "not_supported", "this report " + why);
        }
    }

    static boolean wantsCsv(ServerRequest request) {
        return request.path().endsWith(".csv") || request.headers().accept().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(CSV));
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .bodyValue(body);
    }

    /** Streamed line by line (the abandoned carts are read in batches, never all at once). */
    private static Mono<ServerResponse> csv(String name, List<String> columns, Flux<String> lines) {
        return ServerResponse.ok().contentType(CSV).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .body(Flux.concat(Mono.just(Csv.line(columns)), lines), String.class);
    }
}
