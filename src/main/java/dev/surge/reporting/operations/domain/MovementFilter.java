package dev.surge.reporting.operations.domain;

import java.time.Instant;
import java.util.UUID;

/** Which ledger rows to list: one variant or all, a merchant's only, a reason, a period [from, to). */
public record MovementFilter(UUID variant, String reason, Instant from, Instant to) {

    String scope(ReportScope scope) {
        return "movements|" + scope.merchant() + "|" + variant + "|" + reason + "|" + from + "|" + to;
    }
}
