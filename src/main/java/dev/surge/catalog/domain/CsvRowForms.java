package dev.surge.catalog.domain;

import dev.surge.catalog.domain.ProductForm.PriceForm;
import dev.surge.catalog.domain.ProductForm.VariantForm;
import dev.surge.catalog.domain.ProductImportService.RowError;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.SurgeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A CSV row as the product form the API takes, and the API's answers in the CSV's terms: errors named
 * by column. Pure: no I/O.
 */
final class CsvRowForms {

    private CsvRowForms() {
    }

    /** The row as the form the API takes; values that are not even the right type are reported here. */
    static ProductForm form(long line, Map<String, String> values, UUID category, List<RowError> errors) {
        String currency = blankToNull(values.get("currency"));
        currency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
        PriceForm price = price(line, "price", values.get("price"), currency, errors);
        PriceForm compareAt = price(line, "compare_at_price", values.get("compare_at_price"), currency, errors);
        Map<String, String> attributes = Map.of();
        try {
            attributes = ProductCsvValues.attributes(values.get("attributes"));
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(line, "attributes", e.getMessage() + "; write name=value pairs joined by |"));
        }
        VariantForm variant = new VariantForm(null, values.get("sku"), values.get("variant_title"), price, compareAt,
                integer(line, "weight_grams", values.get("weight_grams"), errors), attributes,
                integer(line, "stock", values.get("stock"), errors));
        Boolean featured = null;
        String flag = blankToNull(values.get("featured"));
        if (flag != null) {
            switch (flag.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> featured = true;
                case "false", "no", "0" -> featured = false;
                default -> errors.add(new RowError(line, "featured", "must be true or false"));
            }
        }
        return new ProductForm(values.get("title"), null, values.get("description"), category,
                blankToNull(values.get("status")), featured, integer(line, "featured_position", values.get("featured_position"), errors),
                List.of(variant));
    }

    private static PriceForm price(long line, String column, String text, String currency, List<RowError> errors) {
        if (text == null || text.isBlank()) {
            return column.equals("price") ? new PriceForm(null, currency) : null;
        }
        List<String> problems = new ArrayList<>();
        Long minor = ProductCsvValues.minorUnits(text, currency, problems);
        problems.forEach(problem -> errors.add(new RowError(line, column, problem)));
        return minor == null ? new PriceForm(BigDecimal.ZERO, currency) : new PriceForm(BigDecimal.valueOf(minor), currency);
    }

    private static Integer integer(long line, String column, String text, List<RowError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            errors.add(new RowError(line, column, "must be a whole number"));
            return null;
        }
    }

    /** Field paths of the API's rules, named by CSV column. */
    static List<RowError> errors(long line, SurgeException e) {
        if (e instanceof InvalidInputException invalid && !invalid.violations().isEmpty()) {
            return invalid.violations().stream().map(v -> new RowError(line, column(v.field()), v.message())).toList();
        }
        String field = switch (e.code()) {
            case CatalogErrors.SKU_TAKEN -> "sku";
            case CatalogErrors.SLUG_TAKEN -> "handle";
            default -> null;
        };
        return List.of(new RowError(line, field, e.getMessage()));
    }

    static String column(String field) {
        String f = field.replaceFirst("^variants\\[\\d+]\\.?", "");
        if (field.startsWith("variants[") && f.equals("title")) {
            return "variant_title";
        }
        if (f.startsWith("compareAtPrice")) {
            return "compare_at_price";
        }
        if (f.endsWith("currency")) {
            return "currency";
        }
        if (f.startsWith("price")) {
            return "price";
        }
        if (f.startsWith("attributes")) {
            return "attributes";
        }
        return switch (f) {
            case "slug" -> "handle";
            case "categoryId" -> "category";
            case "featuredPosition" -> "featured_position";
            case "weightGrams" -> "weight_grams";
            case "sku", "title", "description", "status", "stock" -> f;
            case "" -> null;
            default -> f;
        };
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

}
