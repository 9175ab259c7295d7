package dev.surge.inventory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A request to hold units of one or more variants for {@code owner} (e.g. {@code user:<id>},
 * {@code order:<id>}). {@code hold} overrides the configured reservation lifetime when not null.
 */
public record ReserveStock(String owner, List<Line> lines, Duration hold) {

    public ReserveStock {
        lines = List.copyOf(lines);
    }

    public record Line(UUID variantId, int quantity) {
    }
}
