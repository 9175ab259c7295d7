package dev.surge.catalog.data;

import dev.surge.catalog.domain.AttributeFilter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Attribute filters as jsonpath text, bound as parameters (never spliced into SQL): one variant matches
 * when, for every key, its value is one of the given ones. Keys and values are written as jsonpath
 * string literals with every quote, backslash and control character escaped.
 */
final class AttributePaths {

    private AttributePaths() {
    }

    /** Over {@code products.variant_attributes} (an array of variant attribute objects): some element matches. */
    static String anyVariant(List<AttributeFilter> filters) {
        return "$[*] ? (" + condition(filters) + ")";
    }

    /** Over one variant's attribute object. */
    static String variant(List<AttributeFilter> filters) {
        return "$ ? (" + condition(filters) + ")";
    }

    /** The filters without the one at {@code index}. */
    static List<AttributeFilter> without(List<AttributeFilter> filters, int index) {
        List<AttributeFilter> rest = new java.util.ArrayList<>(filters);
        rest.remove(index);
        return rest;
    }

    private static String condition(List<AttributeFilter> filters) {
        return filters.stream()
                .map(filter -> filter.values().stream()
                        .map(value -> "@." + literal(filter.key()) + " == " + literal(value))
                        .collect(Collectors.joining(" || ", "(", ")")))
                .collect(Collectors.joining(" && "));
    }

    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
