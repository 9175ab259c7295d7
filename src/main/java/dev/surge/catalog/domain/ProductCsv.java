package dev.surge.catalog.domain;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The product CSV, one row per variant: rows with the same {@code handle} are variants of one product
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
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

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
                sink.error(fileError("header", e.getMessage()));
            } catch (UncheckedIOException | IOException e) {
                RuntimeException upstream = upstreamFailure(e);
                if (upstream != null) {
                    sink.error(upstream); // the body itself failed (e.g. over the size limit): the import fails
                } else if (parser == null) {
                    sink.error(fileError("header", "the CSV cannot be read: " + e.getMessage()));
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
            throw new InvalidInputException("validation_failed", "The CSV header is invalid; no row was imported", errors);
        }
        return names.size();
    }

    private static InvalidInputException fileError(String field, String message) {
        return new InvalidInputException("validation_failed", "The CSV cannot be imported; no row was imported",
                List.of(new FieldViolation(field, "malformed", String.valueOf(message))));
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

    // --- values ---

    /** A price in major units as written in the CSV, in minor units; null with a reason when it is not one. */
    static Long minorUnits(String text, String currency, List<String> problems) {
        int digits = ProductRules.fractionDigits(currency);
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            problems.add("must be a number such as 19.99");
            return null;
        }
        if (digits < 0) {
            return null; // the currency column reports it
        }
        if (amount.stripTrailingZeros().scale() > digits) {
            problems.add(currency + " has " + digits + " decimal places" + (digits == 0 ? " (whole amounts only)" : ""));
            return null;
        }
        BigDecimal minor = amount.movePointRight(digits);
        if (minor.signum() < 0 || minor.compareTo(BigDecimal.valueOf(ProductRules.MAX_PRICE_MINOR)) > 0) {
            problems.add("must be between 0 and " + BigDecimal.valueOf(ProductRules.MAX_PRICE_MINOR, digits).toPlainString());
            return null;
        }
        return minor.longValueExact();
    }

    static String majorUnits(long minor, String currency) {
        int digits = Math.max(0, ProductRules.fractionDigits(currency));
        return BigDecimal.valueOf(minor, digits).setScale(digits, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** {@code size=M|colour=Black}; a backslash escapes {@code |}, {@code =} and itself. */
    static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return attributes;
        }
        StringBuilder name = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder current = name;
        boolean sawEquals = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == '=' && !sawEquals) {
                sawEquals = true;
                current = value;
            } else if (c == '|') {
                put(attributes, name, value, sawEquals);
                name = new StringBuilder();
                value = new StringBuilder();
                current = name;
                sawEquals = false;
            } else {
                current.append(c);
            }
        }
        put(attributes, name, value, sawEquals);
        return attributes;
    }

    private static void put(Map<String, String> attributes, StringBuilder name, StringBuilder value, boolean sawEquals) {
        if (!sawEquals && name.toString().isBlank()) {
            return;
        }
        if (!sawEquals) {
            throw new IllegalArgumentException("'" + name + "' has no '=value'");
        }
        if (attributes.put(name.toString().trim(), value.toString().trim()) != null) {
            throw new IllegalArgumentException("'" + name.toString().trim() + "' appears twice");
        }
    }

    static String attributes(Map<String, String> attributes) {
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(attributes).forEach((name, value) -> pairs.add(escape(name) + "=" + escape(value)));
        return String.join("|", pairs);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("=", "\\=");
    }

    // --- writing ---

    static String headerLine() {
        return format(COLUMNS);
    }

    /** The product's rows, one per variant. */
    static String rows(ManagedProduct product) {
        StringBuilder out = new StringBuilder();
        for (ManagedProduct.Variant variant : product.variants()) {
            String currency = variant.price().currency();
            out.append(format(List.of(product.slug(), product.title(), product.description(), product.category().slug(),
                    product.status().name(), Boolean.toString(product.featured()),
                    product.featuredPosition() == null ? "" : product.featuredPosition().toString(),
                    variant.sku(), variant.title(), majorUnits(variant.price().amountMinor(), currency),
                    variant.compareAtPrice() == null ? "" : majorUnits(variant.compareAtPrice().amountMinor(), currency),
                    currency, variant.weightGrams() == null ? "" : variant.weightGrams().toString(),
                    attributes(variant.attributes()), Integer.toString(variant.stockOnHand()))));
        }
        return out.toString();
    }

    private static String format(List<String> values) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }
}
