package dev.surge.reporting.operations.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;
import static org.springdoc.core.fn.builders.schema.Builder.schemaBuilder;

import dev.surge.reporting.operations.domain.FlashSaleFigures;
import dev.surge.reporting.operations.domain.PaymentFigures;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link OperationsReportsRouter}. */
final class OperationsReportsApiDocs {

    private static final String TAG = "Reports";

    private OperationsReportsApiDocs() {
    }

    static void stock(Builder ops) {
        stockCommon(ops.operationId("reportStock").summary("Stock per variant now: on hand, reserved, available, "
                + "low-stock flag; by variant id, one page at a time (sellers: their merchant's)"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page (same filters)"))
                .response(ok(ReportPage.class, "A page of stock lines"));
    }

    static void stockCsv(Builder ops) {
        stockCommon(ops.operationId("reportStockCsv").summary("Stock per variant now, every line, as CSV"))
                .response(csv("One variant per line"));
    }

    private static Builder stockCommon(Builder ops) {
        return merchantScoped(ops.tag(TAG))
                .parameter(query("lowStock", Boolean.class, "true: only variants whose available units are under the threshold"))
                .parameter(query("threshold", Integer.class, "Low-stock threshold for every variant (default: each variant's own)"))
                .response(problem(400, "validation_failed, invalid_cursor"));
    }

    static void movements(Builder ops) {
        movementsCommon(ops.operationId("reportStockMovements").summary("The stock ledger, oldest first: every change "
                + "of a variant's stock with its reason, actor, order, reservation or flash sale"))
                .parameter(query("limit", Integer.class, "1-500, default 100"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page (same filters)"))
                .response(ok(ReportPage.class, "A page of ledger entries"));
    }

    static void movementsCsv(Builder ops) {
        movementsCommon(ops.operationId("reportStockMovementsCsv").summary("The stock ledger as CSV, every entry"))
                .response(csv("One ledger entry per line"));
    }

    private static Builder movementsCommon(Builder ops) {
        return merchantScoped(ops.tag(TAG))
                .parameter(query("variant", String.class, "One variant's entries (404 variant_not_found if not yours)"))
                .parameter(query("reason", String.class, "opening_balance, adjustment, stock_count, reserved, released, "
                        + "expired, sale, return, flash_sale_pool, flash_sale_closed, flash_claim"))
                .parameter(query("from", String.class, "At or after (ISO-8601 instant)"))
                .parameter(query("to", String.class, "Before (ISO-8601 instant)"))
                .response(problem(400, "validation_failed, invalid_cursor"))
                .response(problem(404, "variant_not_found, merchant_not_found"));
    }

    static void sellThrough(Builder ops) {
        sellThroughCommon(ops.operationId("reportSellThrough").summary("Sell-through per product over a period: "
                + "units sold / (units sold + available at the end)"))
                .response(ok(InventoryReportsHandler.SellThroughReport.class, "Products, most units sold first"));
    }

    static void sellThroughCsv(Builder ops) {
        sellThroughCommon(ops.operationId("reportSellThroughCsv").summary("Sell-through per product as CSV"))
                .response(csv("One product per line"));
    }

    private static Builder sellThroughCommon(Builder ops) {
        return merchantScoped(ops.tag(TAG))
                .parameter(query("from", String.class, "Start (ISO-8601 instant), default 30 days before to"))
                .parameter(query("to", String.class, "End, exclusive (ISO-8601 instant), default now"))
                .parameter(query("limit", Integer.class, "1-1000 products, default 100"))
                .response(problem(400, "validation_failed"));
    }

    static void flashSales(Builder ops) {
        flashSalesCommon(ops.operationId("reportFlashSales").summary("Flash sales and their outcome, latest start first"))
                .response(ok(ReportPage.class, "A page of flash-sale reports"));
    }

    static void flashSalesCsv(Builder ops) {
        flashSalesCommon(ops.operationId("reportFlashSalesCsv").summary("Flash sales and their outcome as CSV, every page"))
                .response(csv("One sale per line"));
    }

    private static Builder flashSalesCommon(Builder ops) {
        return merchantScoped(ops.tag(TAG))
                .parameter(query("limit", Integer.class, "1-100, default 20"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(problem(400, "validation_failed, invalid_cursor"));
    }

    static void flashSale(Builder ops) {
        ops.operationId("reportFlashSale").tag(TAG)
                .summary("A flash sale's outcome: attempts, sold-out answers, units claimed, holds expired, orders "
                        + "paid from holds, time to sell out, revenue; append .csv to the id (or Accept: text/csv) for CSV")
                .parameter(path("saleId", "Flash sale id (with .csv: the CSV)"))
                .response(ok(FlashSaleFigures.class, "The sale's report"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Neither staff nor a seller"))
                .response(problem(404, "flash_sale_not_found (also another merchant's sale)"));
    }

    static void payments(Builder ops) {
        paymentsCommon(ops.operationId("reportPayments").summary("Payments by provider, status and currency per "
                + "interval; refunds, refunds owed, disputes, webhooks, reconciliation mismatches"))
                .response(ok(PaymentFigures.Report.class, "The report of the period"));
    }

    static void paymentsCsv(Builder ops) {
        paymentsCommon(ops.operationId("reportPaymentsCsv").summary("The payments report as CSV (one line per figure group)"))
                .response(csv("Section, interval, provider, status or kind, currency, count, amount"));
    }

    private static Builder paymentsCommon(Builder ops) {
        return ops.tag(TAG)
                .parameter(query("from", String.class, "Start (ISO-8601 instant), default 30 days before to"))
                .parameter(query("to", String.class, "End, exclusive (ISO-8601 instant), default now"))
                .parameter(query("interval", String.class, "day (default), week or month (UTC)"))
                .response(problem(400, "validation_failed"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not finance or an administrator"));
    }

    static void attention(Builder ops) {
        attentionCommon(ops.operationId("reportPaymentsAttention").summary("Payments that need a person, oldest "
                + "first: failed refunds, money owed back, flagged payments, open disputes, with the endpoints that act on them"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(ok(ReportPage.class, "A page of items"));
    }

    static void attentionCsv(Builder ops) {
        attentionCommon(ops.operationId("reportPaymentsAttentionCsv").summary("Payments that need a person as CSV, every page"))
                .response(csv("One item per line"));
    }

    private static Builder attentionCommon(Builder ops) {
        return ops.tag(TAG)
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .response(problem(400, "validation_failed, invalid_cursor"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not finance or an administrator"));
    }

    private static Builder merchantScoped(Builder ops) {
        return ops.parameter(query("merchant", String.class, "Staff: one merchant's (default all); sellers: only their own"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Neither staff nor a seller"))
                .response(problem(404, "merchant_not_found (another merchant's, for a seller)"));
    }

    private static org.springdoc.core.fn.builders.apiresponse.Builder csv(String description) {
        return responseBuilder().responseCode("200").description("CSV: " + description)
                .content(contentBuilder().mediaType("text/csv").schema(schemaBuilder().implementation(String.class)));
    }
}
