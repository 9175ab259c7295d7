package dev.surge.orders.domain;

import dev.surge.platform.errors.FieldViolation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks and tidies postal addresses. */
final class Addresses {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final int MAX = 200;

    private Addresses() {
    }

    static void check(String field, Address address, List<FieldViolation> violations) {
        required(field + ".name", address.name(), violations);
        required(field + ".line1", address.line1(), violations);
        required(field + ".city", address.city(), violations);
        optional(field + ".line2", address.line2(), violations);
        optional(field + ".region", address.region(), violations);
        optional(field + ".postalCode", address.postalCode(), violations);
        optional(field + ".phone", address.phone(), violations);
        if (address.country() == null || !COUNTRIES.contains(address.country().trim().toUpperCase(Locale.ROOT))) {
            violations.add(new FieldViolation(field + ".country", "invalid", "An ISO 3166-1 alpha-2 country code is required"));
        }
    }

    static Address normalized(Address a) {
        return new Address(trim(a.name()), trim(a.line1()), trim(a.line2()), trim(a.city()), trim(a.region()),
                trim(a.postalCode()), a.country().trim().toUpperCase(Locale.ROOT), trim(a.phone()));
    }

    private static void required(String field, String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "required", "This field is required"));
        } else if (value.length() > MAX) {
            violations.add(new FieldViolation(field, "too_long", "At most " + MAX + " characters"));
        }
    }

    private static void optional(String field, String value, List<FieldViolation> violations) {
        if (value != null && value.length() > MAX) {
            violations.add(new FieldViolation(field, "too_long", "At most " + MAX + " characters"));
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
