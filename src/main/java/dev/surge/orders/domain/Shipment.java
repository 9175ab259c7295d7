package dev.surge.orders.domain;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.ValidationFailed;
import java.util.ArrayList;
import java.util.List;

/** How an order leaves: the carrier and its tracking number, both required. */
public record Shipment(String carrier, String trackingNumber) {

    /** The shipment trimmed, or {@code validation_failed} naming what is missing or too long. */
    Shipment validated() {
        List<FieldViolation> violations = new ArrayList<>();
        if (carrier == null || carrier.isBlank() || carrier.length() > 100) {
            violations.add(new FieldViolation("carrier", "required", "The carrier is required (at most 100 characters)"));
        }
        if (trackingNumber == null || trackingNumber.isBlank() || trackingNumber.length() > 100) {
            violations.add(new FieldViolation("trackingNumber", "required",
                    "The tracking number is required (at most 100 characters)"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationFailed("Shipping needs a carrier and a tracking number", violations);
        }
        return new Shipment(carrier.trim(), trackingNumber.trim());
    }
}
