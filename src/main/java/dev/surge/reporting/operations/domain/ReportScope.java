package dev.surge.reporting.operations.domain;

import java.util.UUID;

/** Whose figures a report shows: one merchant's, or (staff, no merchant asked) everyone's ({@code merchant} null). */
public record ReportScope(UUID merchant) {

    public static final ReportScope ALL = new ReportScope(null);
}
