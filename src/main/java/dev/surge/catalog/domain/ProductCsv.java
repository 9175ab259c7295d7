package dev.surge.catalog.domain;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Reads the product CSV ({@link ProductCsvWriter} writes it, {@link ProductCsvValues} holds its value
 * formats), one row per variant: rows with the same {@code handle} are variants of one product
 * and repeat its fields. Import and export use the same columns, so an export imports back unchanged.
 * <pre>
 * handle,title,description,category,status,featured,featured_position,sku,variant_title,price,
 * compare_at_price,currency,weight_grams,attributes,stock
 * </pre>
 * Prices are in major units with at most the currency's decimals ({@code 19.99} USD, {@code 1999} JPY);
 * {@code attributes} is {@code name=value} pairs joined by {@code |} ({@code \} escapes {@code | = \});
 * {@code category} is a category slug or id. RFC 4180 quoting, UTF-8, an optional byte order mark.
 */
public final class ProductCsv {

    public static final List<String> COLUMNS = List.of("handle", "title", "description", "category", "status",
            "featured", "featured_position", "sku", "variant_title", "price", "compare_at_price", "currency",
            "weight_grams", "attributes", "stock");
    static final Set<String> REQUIRED = Set.of("title", "category", "sku", "price", "currency");

    private static final CSVFormat READ = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private ProductCsv() {
    }

    /**
     * One CSV record and the line it starts on, or ({@code problem} set) a record that cannot be read,
     * after which nothing more is read.
     */
    public record Line(long line, Map<String, String> values, String problem) {
    }

    /**
     * Parses the body as it arrives: Commons CSV reads a stream fed by the body's buffers (a few at a time,
     * so memory holds a few buffers, not the file) on {@code scheduler}, since that read waits for the
     * network. A bad header fails the whole import with 400 before any row is written.
     */
    static Flux<Line> read(Flux<DataBuffer> body, Scheduler scheduler) {
        return Flux.<Line, Reader>generate(
                        () -> reader(DataBufferUtils.subscriberInputStream(body, 4)),
                        new RecordsGenerator(), ProductCsv::close)
                .subscribeOn(scheduler);
    }

    /** Keeps the parser between calls; emits one line per call. */
    private static final class RecordsGenerator
            implements java.util.function.BiFunction<Reader, reactor.core.publisher.SynchronousSink<Line>, Reader> {

        private CSVParser parser;
        private Iterator<CSVRecord> records;
        private int columns;
        private boolean broken;

        @Override
        public Reader apply(Reader reader, reactor.core.publisher.SynchronousSink<Line> sink) {
            if (broken) {
                sink.complete();
                return reader;
            }
            long line = 2;
            try {
                if (parser == null) {
                    parser = CSVParser.builder().setReader(reader).setFormat(READ).get();
                    columns = header(parser.getHeaderNames());
                    records = parser.iterator();
                }
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    sink.complete();
                    return reader;
                }
                CSVRecord record = records.next();
                if (record.size() != columns) {
                    sink.next(new Line(line, Map.of(), "has " + record.size() + " fields; the header has " + columns));
                    return reader;
                }
                Map<String, String> values = new LinkedHashMap<>();
                record.toMap().forEach((name, value) -> values.put(name.trim().toLowerCase(Locale.ROOT), value));
                sink.next(new Line(line, values, null));
            } catch (InvalidInputException e) {
                sink.error(e);
            } catch (IllegalArgumentException | IllegalStateException e) {
                sink.error(new CatalogErrors.UnreadableCsv("header", e.getMessage()));
            } catch (UncheckedIOException | IOException e) {
                RuntimeException upstream = upstreamFailure(e);
                if (upstream != null) {
                    sink.error(upstream); // the body itself failed (e.g. over the size limit): the import fails
                } else if (parser == null) {
                    sink.error(new CatalogErrors.UnreadableCsv("header", "the CSV cannot be read: " + e.getMessage()));
                } else {
                    // Malformed CSV (an unterminated quote...) or a body cut short: report it, stop reading.
                    broken = true;
                    sink.next(new Line(line, Map.of(), "the CSV cannot be read from here on: " + rootMessage(e)));
                }
            }
            return reader;
        }
    }

    /** A failure of the request body (not of the CSV in it) that reached the parser as an I/O error. */
    private static RuntimeException upstreamFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuntimeException runtime && !(cause instanceof UncheckedIOException)) {
                return runtime;
            }
        }
        return null;
    }

    private static int header(List<String> names) {
        List<FieldViolation> errors = new ArrayList<>();
        List<String> normalised = names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        for (String name : normalised) {
            if (!COLUMNS.contains(name)) {
                errors.add(new FieldViolation(name.isEmpty() ? "header" : name, "not_allowed",
                        "unknown column; the columns are " + String.join(",", COLUMNS)));
            }
        }
        for (String required : REQUIRED) {
            if (!normalised.contains(required)) {
                errors.add(new FieldViolation(required, "required", "column is missing from the header"));
            }
        }
        if (!errors.isEmpty()) {
            throw new CatalogErrors.InvalidCsvHeader(errors);
        }
        return names.size();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** UTF-8, skipping a byte order mark (spreadsheets write one). */
    private static Reader reader(InputStream in) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    private static void close(Reader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
