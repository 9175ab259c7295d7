package dev.surge.reporting.operations.web;

import dev.surge.platform.web.Csv;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every operations report as CSV, asked for by a {@code .csv} path or {@code Accept: text/csv}: streamed line by
 * line, every cell through {@link Csv#safeLine} (SKUs, titles, notes and references can be typed by sellers,
 * staff or customers, so none may start a spreadsheet formula).
 */
final class CsvReports {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private CsvReports() {
    }

    /** True for a {@code .csv} path or an Accept header that names text/csv (a wildcard alone means JSON). */
    static boolean wanted(ServerRequest request) {
        return request.path().endsWith(".csv") || request.headers().accept().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(TEXT_CSV));
    }

    static Mono<ServerResponse> respond(String filename, List<String> header, Flux<List<String>> rows) {
        Flux<String> lines = Flux.concat(Flux.just(Csv.line(header)), rows.map(Csv::safeLine));
        return ServerResponse.ok().contentType(TEXT_CSV)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .cacheControl(CacheControl.noStore())
                .body(lines, String.class);
    }

    /** Cells as text, null as an empty cell. */
    static List<String> cells(Object... values) {
        return Arrays.stream(values).map(value -> value == null ? null : value.toString()).toList();
    }
}
