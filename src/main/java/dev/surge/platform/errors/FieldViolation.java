package dev.surge.platform.errors;

/** One rejected input: where ({@code field}, a query parameter or a JSON path), why, in words. */
public record FieldViolation(String field, String code, String message) {
}
