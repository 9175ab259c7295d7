package dev.surge.platform.web;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.ValidationFailed;
import dev.surge.platform.persistence.Ids;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Typed, validated access to query parameters. Each getter records what is wrong instead of throwing,
 * so one {@link #validate()} reports every bad parameter at once as {@code validation_failed}.
 *
 * <pre>{@code
 * QueryParams q = QueryParams.of(request);
 * int limit = q.integer("limit", 20, 1, 100);
 * q.validate();
 * }</pre>
 */
public final class QueryParams {

    /** Longest single parameter value accepted; longer ones are refused, not truncated. */
    static final int MAX_VALUE_LENGTH = 512;

    private final ServerRequest request;
    private final List<FieldViolation> violations = new ArrayList<>();

    private QueryParams(ServerRequest request) {
        this.request = request;
    }

    public static QueryParams of(ServerRequest request) {
        return new QueryParams(request);
    }

    /** The trimmed value, or empty when absent or blank; values over the length limit are violations. */
    public Optional<String> text(String name) {
        List<String> values = request.queryParams().get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            violations.add(new FieldViolation(name, "repeated", "give '" + name + "' at most once"));
            return Optional.empty();
        }
        String value = values.get(0) == null ? "" : values.get(0).trim();
        if (value.length() > MAX_VALUE_LENGTH) {
            violations.add(new FieldViolation(name, "too_long",
                    "must be at most " + MAX_VALUE_LENGTH + " characters"));
            return Optional.empty();
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String text(String name, int minLength, int maxLength) {
        String value = text(name).orElse(null);
        if (value == null) {
            violations.add(new FieldViolation(name, "required", "is required"));
            return null;
        }
        if (value.length() < minLength || value.length() > maxLength) {
            violations.add(new FieldViolation(name, "length",
                    "must be " + minLength + " to " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Long value = longValue(name, min, max);
        return value == null ? defaultValue : value.intValue();
    }

    /** An optional whole number within [min, max]; null when absent or invalid. */
    public Long longValue(String name, long min, long max) {
        String raw = text(name).orElse(null);
        if (raw == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(name, "not_a_number", "must be a whole number"));
            return null;
        }
        if (value < min || value > max) {
            violations.add(new FieldViolation(name, "out_of_range", "must be between " + min + " and " + max));
            return null;
        }
        return value;
    }

    public Boolean bool(String name) {
        String raw = text(name).orElse(null);
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                violations.add(new FieldViolation(name, "not_a_boolean", "must be true or false"));
                yield null;
            }
        };
    }

    /** An optional ISO-8601 instant (e.g. {@code 2026-11-22T00:00:00Z}); null when absent or invalid. */
    public Instant instant(String name) {
        return text(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                reject(name, "invalid", "An ISO-8601 instant, e.g. 2026-11-22T00:00:00Z");
                return null;
            }
        }).orElse(null);
    }

    /** An optional UUID; null when absent or invalid. */
    public UUID uuid(String name) {
        return text(name).map(text -> {
            UUID id = Ids.parseOrNull(text);
            if (id == null) {
                reject(name, "invalid", "Not a UUID");
            }
            return id;
        }).orElse(null);
    }

    /** Matches a value against enum constants by their {@code toString()}, case-insensitively. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        String raw = text(name).orElse(null);
        if (raw == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(raw)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.toString());
        }
        violations.add(new FieldViolation(name, "not_allowed", "must be one of " + String.join(", ", allowed)));
        return defaultValue;
    }

    /** Records a rule that spans parameters (e.g. min above max). */
    public void reject(String name, String code, String message) {
        violations.add(new FieldViolation(name, code, message));
    }

    /** Throws {@code validation_failed} listing every violation seen so far. */
    public void validate() {
        if (!violations.isEmpty()) {
            throw new ValidationFailed("Some query parameters are invalid", violations);
        }
    }
}
