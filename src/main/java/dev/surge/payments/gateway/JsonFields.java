package dev.surge.payments.gateway;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of provider JSON. Providers are not always consistent (Paystack sends amounts as numbers
 * in one event and as strings in another, and {@code metadata} as an object, {@code ""} or {@code 0}), so
 * a missing, null or oddly typed field reads as null rather than failing the whole answer.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The node at {@code path} under {@code node}; a missing node (never null) when any step is absent. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            current = current.path(step);
        }
        return current;
    }

    /** A string or number as text; null when missing, null, empty or of another type. */
    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isString()) {
            String text = value.stringValue();
            return text.isEmpty() ? null : text;
        }
        return value.isNumber() ? value.asString() : null;
    }

    /** An integral number, or a string holding one; null otherwise. */
    public static Long number(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.stringValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** An ISO-8601 instant ({@code 2024-08-22T09:15:02.000Z}); null when absent or unreadable. */
    public static Instant instant(JsonNode node, String... path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Unix seconds ({@code "created": 1680800504}); null when absent. */
    public static Instant epochSeconds(JsonNode node, String... path) {
        Long seconds = number(node, path);
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }
}
