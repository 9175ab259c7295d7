package dev.surge.reporting.operations.web;

import dev.surge.platform.paging.Page;
import java.util.List;

/** One page of a report; {@code nextCursor} is null on the last page, else pass it back as {@code ?cursor=}. */
record ReportPage<T>(List<T> items, String nextCursor) {

    static <T> ReportPage<T> of(Page<T> page) {
        return new ReportPage<>(page.items(), page.nextCursor());
    }
}
