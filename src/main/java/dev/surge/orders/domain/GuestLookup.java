package dev.surge.orders.domain;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.ValidationFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A guest asks for an order with the number, email and access token of its confirmation. */
public record GuestLookup(String number, String email, String token) {

    /** The lookup trimmed (the number upper-cased), or {@code validation_failed} naming what is missing. */
    GuestLookup validated() {
        List<FieldViolation> violations = new ArrayList<>();
        if (number == null || number.isBlank() || number.length() > 40) {
            violations.add(new FieldViolation("number", "required", "The order number is required"));
        }
        if (email == null || email.isBlank() || email.length() > 254) {
            violations.add(new FieldViolation("email", "required", "The order's email is required"));
        }
        if (token == null || token.isBlank() || token.length() > 100) {
            violations.add(new FieldViolation("token", "required", "The order's access token is required"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationFailed("The lookup is not valid", violations);
        }
        return new GuestLookup(number.trim().toUpperCase(Locale.ROOT), email.trim(), token.trim());
    }
}
