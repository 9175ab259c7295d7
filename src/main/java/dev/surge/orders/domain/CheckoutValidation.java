package dev.surge.orders.domain;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.ValidationFailed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rules a checkout must meet before anything is read or reserved; no I/O. */
final class CheckoutValidation {

    private CheckoutValidation() {
    }

    /**
     * The command tidied (email trimmed, addresses normalized, lines sorted by variant so locks are taken in a
     * fixed order), or {@code validation_failed} listing every field at fault.
     */
    static CheckoutCommand validated(Buyer buyer, CheckoutCommand command, int maxLines) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.email() != null || buyer instanceof Buyer.Guest) {
            String email = command.email();
            if (email == null || email.isBlank()) {
                violations.add(new FieldViolation("email", "required", "Guests must give an email address"));
            } else if (email.length() > 254 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                violations.add(new FieldViolation("email", "invalid", "Not an email address"));
            }
        }
        if (command.shippingAddress() == null) {
            violations.add(new FieldViolation("shippingAddress", "required", "A shipping address is required"));
        } else {
            Addresses.check("shippingAddress", command.shippingAddress(), violations);
        }
        if (command.billingAddress() != null) {
            Addresses.check("billingAddress", command.billingAddress(), violations);
        }
        if (command.lines() != null) {
            lines(command.lines(), maxLines, violations);
        }
        if (command.couponCode() != null && !command.couponCode().matches("\\s*[A-Za-z0-9][A-Za-z0-9_-]{2,39}\\s*")) {
            violations.add(new FieldViolation("couponCode", "invalid", "3 to 40 letters, digits, '-' or '_'"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationFailed("The checkout is not valid", violations);
        }
        List<CheckoutCommand.Line> lines = command.lines() == null ? null
                : command.lines().stream().sorted(Comparator.comparing(CheckoutCommand.Line::variantId)).toList();
        return new CheckoutCommand(command.email() == null ? null : command.email().trim(),
                Addresses.normalized(command.shippingAddress()),
                command.billingAddress() == null ? null : Addresses.normalized(command.billingAddress()), lines,
                command.couponCode());
    }

    private static void lines(List<CheckoutCommand.Line> lines, int maxLines, List<FieldViolation> violations) {
        if (lines.isEmpty()) {
            violations.add(new FieldViolation("lines", "required", "Leave lines out to order the cart, or name at least one"));
        }
        if (lines.size() > maxLines) {
            violations.add(new FieldViolation("lines", "too_many", "At most " + maxLines + " lines"));
        }
        for (int i = 0; i < lines.size() && i < maxLines; i++) {
            CheckoutCommand.Line line = lines.get(i);
            if (line == null || line.variantId() == null) {
                violations.add(new FieldViolation("lines[" + i + "].variantId", "required", "A variant id is required"));
            }
            if (line == null || line.quantity() == null || line.quantity() < 1 || line.quantity() > 100) {
                violations.add(new FieldViolation("lines[" + i + "].quantity", "out_of_range",
                        "Quantity must be between 1 and 100"));
            }
        }
    }
}
