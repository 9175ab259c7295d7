package dev.surge.catalog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the product CSV writes prices and attributes, both ways. Pure: no I/O. */
final class ProductCsvValues {

    private ProductCsvValues() {
    }

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
}
