package dev.surge.catalog.domain;

import dev.surge.catalog.config.CatalogProperties;
import dev.surge.catalog.data.ProductWrites;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Bulk CSV: sellers import products (streamed, each row all or nothing, bad rows reported with their line
 * numbers while good rows land) and export their catalog in the same format (see {@link ProductCsv}).
 * <p>
 * Rows are taken in batches of {@value #BATCH}; inside a batch, rows of different products are written
 * {@code surge.catalog.import-concurrency} at a time, rows of one product (one handle) in file order, so
 * a product's first row creates it and later rows add variants to it.
 */
@Service
public class ProductImportService {

    private static final Logger log = LoggerFactory.getLogger(ProductImportService.class);
    static final int BATCH = 64;
    /** More errors than this are counted, not listed. */
    static final int MAX_LISTED_ERRORS = 1_000;

    private final ProductAccess access;
    private final ManagedProductReads reads;
    private final ProductRowImport rows;
    private final ProductWrites writes;
    private final AuditTrail audit;
    private final int concurrency;
    /** Parsing waits for the request body to arrive, so it runs here, never on an event loop. */
    private final Scheduler parsing = Schedulers.newBoundedElastic(4, 16, "csv-import");

    ProductImportService(ProductAccess access, ManagedProductReads reads, ProductRowImport rows, ProductWrites writes,
            AuditTrail audit, CatalogProperties properties) {
        this.access = access;
        this.reads = reads;
        this.rows = rows;
        this.writes = writes;
        this.audit = audit;
        this.concurrency = Math.max(1, properties.importConcurrency());
    }

    @PreDestroy
    void stop() {
        parsing.dispose();
    }

    /** What an import did: rows read, imported (created + updated), failed, and the errors by line. */
    public record ImportSummary(long rows, long imported, long created, long updated, long failed,
            List<RowError> errors, boolean errorsTruncated) {
    }

    /** {@code field} is the CSV column at fault, or null when the whole row is. */
    public record RowError(long line, String field, String message) {
    }

    private record RowResult(long line, Boolean created, List<RowError> errors) {
    }

    public Mono<ImportSummary> importCsv(Principals caller, UUID merchantId, Flux<DataBuffer> body, Origin origin) {
        Map<String, Optional<UUID>> categories = new ConcurrentHashMap<>();
        return access.check(caller, merchantId)
                .thenMany(ProductCsv.read(body, parsing))
                .buffer(BATCH)
                .concatMap(batch -> {
                    Map<String, List<ProductCsv.Line>> byProduct = new LinkedHashMap<>();
                    for (ProductCsv.Line line : batch) {
                        String handle = line.values().get("handle");
                        String key = handle == null || handle.isBlank() ? "line:" + line.line() : handle.trim();
                        byProduct.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                    }
                    return Flux.fromIterable(byProduct.values())
                            .flatMap(lines -> Flux.fromIterable(lines)
                                    .concatMap(line -> row(caller, merchantId, line, categories, origin)), concurrency);
                })
                .reduceWith(Tally::new, Tally::add)
                .flatMap(tally -> {
                    ImportSummary summary = tally.summary();
                    return audit.record("products.imported", caller.userId(), merchantId, origin, Map.of(
                                    "rows", summary.rows(), "created", summary.created(), "updated", summary.updated(),
                                    "failed", summary.failed()))
                            .thenReturn(summary);
                });
    }

    /**
     * The merchant's catalog as CSV text, a product at a time; the caller's access is checked before the
     * body is handed out, so a refusal is an error response rather than a broken download.
     */
    public Mono<Flux<DataBuffer>> exportCsv(Principals caller, UUID merchantId) {
        Flux<DataBuffer> body = Flux.concat(Mono.just(ProductCsvWriter.headerLine()),
                        reads.all(caller, merchantId).map(ProductCsvWriter::rows))
                .map(text -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
        return access.check(caller, merchantId).thenReturn(body);
    }

    private Mono<RowResult> row(Principals caller, UUID merchantId, ProductCsv.Line line,
            Map<String, Optional<UUID>> categories, Origin origin) {
        if (line.problem() != null) {
            return Mono.just(failed(line.line(), null, line.problem()));
        }
        Map<String, String> values = line.values();
        return category(values.get("category"), categories).flatMap(category -> {
            List<RowError> errors = new ArrayList<>();
            ProductForm form = CsvRowForms.form(line.line(), values, category.orElse(null), errors);
            String handle = CsvRowForms.blankToNull(values.get("handle"));
            if (handle != null) {
                List<FieldViolation> violations = new ArrayList<>();
                handle = ProductRules.slug(handle, "handle", violations);
                violations.forEach(v -> errors.add(new RowError(line.line(), "handle", v.message())));
            }
            if (values.get("category") != null && !values.get("category").isBlank() && category.isEmpty()) {
                errors.add(new RowError(line.line(), "category", "no category with this slug or id"));
            }
            if (!errors.isEmpty()) {
                return Mono.just(new RowResult(line.line(), null, errors));
            }
            return rows.importRow(caller, merchantId, handle, form, origin)
                    .map(imported -> new RowResult(line.line(), imported.created(), List.of()))
                    .onErrorResume(SurgeException.class, e -> Mono.just(new RowResult(line.line(), null, CsvRowForms.errors(line.line(), e))))
                    .onErrorResume(e -> !(e instanceof SurgeException), e -> {
                        log.warn("CSV row {} failed unexpectedly", line.line(), e);
                        return Mono.just(failed(line.line(), null, "could not be saved; try this row again"));
                    });
        });
    }

    private Mono<Optional<UUID>> category(String text, Map<String, Optional<UUID>> categories) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        Optional<UUID> known = categories.get(key);
        if (known != null) {
            return Mono.just(known);
        }
        return writes.categoryId(key, Ids.parseOrNull(key)).map(Optional::of).defaultIfEmpty(Optional.empty())
                .doOnNext(found -> categories.put(key, found));
    }

    private static RowResult failed(long line, String field, String message) {
        return new RowResult(line, null, List.of(new RowError(line, field, message)));
    }

    /** Adds up row results in line order of completion; errors are sorted by line at the end. */
    private static final class Tally {
        private long rows;
        private long created;
        private long updated;
        private long failed;
        private final List<RowError> errors = new ArrayList<>();
        private boolean truncated;

        Tally add(RowResult result) {
            rows++;
            if (result.created() == null) {
                failed++;
                for (RowError error : result.errors()) {
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(error);
                    } else {
                        truncated = true;
                    }
                }
            } else if (result.created()) {
                created++;
            } else {
                updated++;
            }
            return this;
        }

        ImportSummary summary() {
            List<RowError> sorted = new ArrayList<>(errors);
            sorted.sort(java.util.Comparator.comparingLong(RowError::line));
            return new ImportSummary(rows, created + updated, created, updated, failed, sorted, truncated);
        }
    }
}
