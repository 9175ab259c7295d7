package dev.surge.cart.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cart as Redis holds it: one hash with {@code created}, {@code cur} (the currency of its lines, empty
 * while it has none), {@code ver} (bumped by every change), {@code seq} (last line position handed out),
 * {@code n} (number of lines) and, per variant, {@code q:<id>} units, {@code p:<id>} the unit price in
 * minor units when the line was last added or changed, {@code o:<id>} its position; and {@code coupon}, the code
 * the buyer entered (upper case), if any. The coupon is not written behind to PostgreSQL: a cart restored after a
 * Redis loss has none.
 */
public record StoredCart(Instant created, String currency, long version, long sequence, List<Line> lines,
        String coupon) {

    public StoredCart {
        lines = List.copyOf(lines);
    }

    public StoredCart(Instant created, String currency, long version, long sequence, List<Line> lines) {
        this(created, currency, version, sequence, lines, null);
    }

    public record Line(UUID variantId, int quantity, long priceSeenMinor, long position) {
    }

    public static StoredCart empty(Instant created) {
        return new StoredCart(created, null, 0, 0, List.of());
    }

    /** Reads {@code HGETALL}'s field/value pairs, from {@code from} on; lines come in position order. */
    static StoredCart parse(List<String> pairs, int from) {
        Map<String, String> fields = new HashMap<>();
        for (int i = from; i + 1 < pairs.size(); i += 2) {
            fields.put(pairs.get(i), pairs.get(i + 1));
        }
        List<Line> lines = new ArrayList<>();
        fields.forEach((field, value) -> {
            if (field.startsWith("q:")) {
                String variant = field.substring(2);
                lines.add(new Line(UUID.fromString(variant), Integer.parseInt(value),
                        Long.parseLong(fields.getOrDefault("p:" + variant, "0")),
                        Long.parseLong(fields.getOrDefault("o:" + variant, "0"))));
            }
        });
        lines.sort(Comparator.comparingLong(Line::position));
        String currency = fields.get("cur");
        return new StoredCart(Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("created", "0"))),
                currency == null || currency.isEmpty() ? null : currency,
                Long.parseLong(fields.getOrDefault("ver", "0")), Long.parseLong(fields.getOrDefault("seq", "0")), lines,
                fields.get("coupon") == null || fields.get("coupon").isEmpty() ? null : fields.get("coupon"));
    }

    public Line line(UUID variantId) {
        return lines.stream().filter(line -> line.variantId().equals(variantId)).findFirst().orElse(null);
    }
}
