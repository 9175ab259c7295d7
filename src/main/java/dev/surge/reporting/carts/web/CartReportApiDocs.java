package dev.surge.reporting.carts.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;

import dev.surge.reporting.sales.web.ReportParams;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link CartReportRouter}. */
final class CartReportApiDocs {

    private static final String TAG = "Reports";

    private CartReportApiDocs() {
    }

    static void funnel(Builder ops) {
        interval(days(ops.operationId("cartsReport").tag(TAG).summary("Carts started, carts with items, checkouts "
                + "and paid orders per interval, every currency together, with checkouts and paid orders per cart "
                + "with items"), "First day, YYYY-MM-DD (UTC); default 29 days before 'to'"))
                .response(ok(CartViews.FunnelBody.class, "{range, items: [{period, cartsStarted, cartsWithItems, "
                        + "checkouts, paid, checkoutRate, paidRate}]}"));
        errors(ops);
    }

    static void funnelCsv(Builder ops) {
        csv(interval(days(ops.operationId("cartsReportCsv").tag(TAG).summary("The carts report as CSV"),
                "First day, YYYY-MM-DD (UTC); default 29 days before 'to'")));
    }

    static void abandoned(Builder ops) {
        list(days(ops.operationId("abandonedCartsReport").tag(TAG).summary("Signed-in customers' carts with items "
                + "unchanged for surge.reporting.carts.abandoned-after, with no order of theirs since: the most "
                + "recently active first, with the count, units and value of all of them per currency"),
                "First day of last activity, YYYY-MM-DD (UTC); default 29 days before 'to'"))
                .response(ok(CartViews.AbandonedBody.class, "{range, abandonedAfter, idleSince, totals: [{currency, "
                        + "carts, units, valueMinor}], items: [{customerId, currency, lines, units, valueMinor, "
                        + "startedAt, lastActivityAt}], nextCursor}"));
        errors(ops);
    }

    static void abandonedCsv(Builder ops) {
        csv(days(ops.operationId("abandonedCartsReportCsv").tag(TAG).summary("Every abandoned cart of the range as "
                + "CSV (row 'cart'), then the totals per currency (row 'total'); values in major units"),
                "First day of last activity, YYYY-MM-DD (UTC); default 29 days before 'to'")
                .parameter(query("currency", String.class, "Only carts in this currency (ISO 4217)")));
    }

    private static Builder days(Builder ops, String from) {
        return ops.parameter(query("from", String.class, from))
                .parameter(query("to", String.class, "Last day, included; default today (UTC); at most "
                        + ReportParams.MAX_DAYS + " days after 'from'"));
    }

    private static Builder interval(Builder ops) {
        return ops.parameter(query("interval", String.class, "day (default), week (from Monday) or month"));
    }

    private static Builder list(Builder ops) {
        return ops.parameter(query("currency", String.class, "Only carts in this currency (ISO 4217)"))
                .parameter(query("limit", Integer.class, "Carts per page, 1 to " + CartReportHandler.MAX_LIMIT
                        + " (default " + CartReportHandler.DEFAULT_LIMIT + ")"))
                .parameter(query("cursor", String.class, "The nextCursor of the previous page"));
    }

    private static void csv(Builder ops) {
        ops.response(responseBuilder().responseCode("200").description("CSV, one line per row, header first")
                .content(contentBuilder().mediaType("text/csv")));
        errors(ops);
    }

    private static void errors(Builder ops) {
        ops.response(problem(400, "Bad parameters: dates, from after to, range too long, interval, currency, limit, "
                        + "cursor, or a merchant (carts belong to none) (validation_failed, invalid_cursor)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"));
    }
}
