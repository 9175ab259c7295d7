package dev.surge.catalog.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes the product CSV ({@link ProductCsv} has its columns): an export imports back unchanged. */
final class ProductCsvWriter {

    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private ProductCsvWriter() {
    }

    static String headerLine() {
        return format(ProductCsv.COLUMNS);
    }

    /** The product's rows, one per variant. */
    static String rows(ManagedProduct product) {
        StringBuilder out = new StringBuilder();
        for (ManagedProduct.Variant variant : product.variants()) {
            String currency = variant.price().currency();
            out.append(format(List.of(product.slug(), product.title(), product.description(), product.category().slug(),
                    product.status().name(), Boolean.toString(product.featured()),
                    product.featuredPosition() == null ? "" : product.featuredPosition().toString(),
                    variant.sku(), variant.title(), ProductCsvValues.majorUnits(variant.price().amountMinor(), currency),
                    variant.compareAtPrice() == null ? "" : ProductCsvValues.majorUnits(variant.compareAtPrice().amountMinor(), currency),
                    currency, variant.weightGrams() == null ? "" : variant.weightGrams().toString(),
                    ProductCsvValues.attributes(variant.attributes()), Integer.toString(variant.stockOnHand()))));
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
