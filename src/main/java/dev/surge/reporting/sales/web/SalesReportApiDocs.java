package dev.surge.reporting.sales.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;

import dev.surge.reporting.sales.domain.SalesReports;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link SalesReportRouter}. */
final class SalesReportApiDocs {

    private static final String TAG = "Reports";
    private static final String FIGURES = "orders, units, gross, discounts, tax, shipping, refunds, total, net and "
            + "average order value of the orders paid in each interval, per currency (never added across currencies)";

    private SalesReportApiDocs() {
    }

    static void sales(Builder ops) {
        range(ops.operationId("salesReport").tag(TAG).summary("Sales per interval: " + FIGURES), true)
                .response(ok(SalesViews.SalesBody.class, "{range, periods, totals}; money in minor units"));
        errors(ops);
    }

    static void salesCsv(Builder ops) {
        csv(range(ops.operationId("salesReportCsv").tag(TAG).summary("The sales report as CSV (major units)"), true));
    }

    static void merchants(Builder ops) {
        range(ops.operationId("salesByMerchant").tag(TAG).summary("Sales per merchant and currency over the range"), true)
                .response(ok(SalesViews.ItemsBody.class, "{range, items: [{merchantId, figures}]}"));
        errors(ops);
    }

    static void merchantsCsv(Builder ops) {
        csv(range(ops.operationId("salesByMerchantCsv").tag(TAG).summary("Sales per merchant as CSV"), true));
    }

    static void products(Builder ops) {
        ranking(range(ops.operationId("salesByProduct").tag(TAG)
                .summary("Top products by units or revenue (after discounts) over the range, per currency"), true))
                .response(ok(SalesViews.ItemsBody.class, "{range, items: [{productId, title, categoryId, merchantId, "
                        + "currency, totals}]}"));
        errors(ops);
    }

    static void productsCsv(Builder ops) {
        csv(ranking(range(ops.operationId("salesByProductCsv").tag(TAG).summary("Top products as CSV"), true)));
    }

    static void categories(Builder ops) {
        range(ops.operationId("salesByCategory").tag(TAG).summary("Sales per product category and currency"), true)
                .response(ok(SalesViews.ItemsBody.class, "{range, items: [{categoryId, currency, totals}]}"));
        errors(ops);
    }

    static void categoriesCsv(Builder ops) {
        csv(range(ops.operationId("salesByCategoryCsv").tag(TAG).summary("Sales per category as CSV"), true));
    }

    static void customers(Builder ops) {
        range(ops.operationId("customersReport").tag(TAG).summary("Buyers per interval: orders by signed-in "
                + "customers and guests, customers, new (first paid order ever) and returning, repeat rate"), true)
                .response(ok(SalesViews.ItemsBody.class, "{range, items: [{period, orders, signedInOrders, "
                        + "guestOrders, customers, newCustomers, returningCustomers, repeatRate}]}"));
        errors(ops);
    }

    static void customersCsv(Builder ops) {
        csv(range(ops.operationId("customersReportCsv").tag(TAG).summary("The customers report as CSV"), true));
    }

    static void conversion(Builder ops) {
        ops.operationId("conversionReport").tag(TAG).summary("Checkouts (orders placed) against orders paid per "
                + "interval and currency, for the whole store, with paid / checkouts");
        range(ops, false).response(ok(SalesViews.ItemsBody.class, "{range, items: [{period, currency, checkouts, "
                + "paid, rate}]}"));
        errors(ops);
    }

    static void conversionCsv(Builder ops) {
        csv(range(ops.operationId("conversionReportCsv").tag(TAG).summary("The conversion report as CSV"), false));
    }

    static void rebuild(Builder ops) {
        ops.operationId("rebuildSalesReports").tag(TAG)
                .summary("Recompute every sales read model from the orders (audited as reports.sales_rebuilt)")
                .response(ok(SalesReports.Rebuilt.class, "{orders, tookMs}"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator"));
    }

    static void sellerSales(Builder ops) {
        seller(range(ops.operationId("merchantSalesReport").tag(TAG)
                .summary("Your merchant's sales per interval: " + FIGURES), false))
                .response(ok(SalesViews.SalesBody.class, "{range, periods, totals}; money in minor units"));
    }

    static void sellerSalesCsv(Builder ops) {
        csv(seller(range(ops.operationId("merchantSalesReportCsv").tag(TAG).summary("Your sales report as CSV"), false)));
    }

    static void sellerProducts(Builder ops) {
        seller(ranking(range(ops.operationId("merchantSalesByProduct").tag(TAG)
                .summary("Your top products by units or revenue"), false)))
                .response(ok(SalesViews.ItemsBody.class, "{range, items}"));
    }

    static void sellerProductsCsv(Builder ops) {
        csv(seller(ranking(range(ops.operationId("merchantSalesByProductCsv").tag(TAG)
                .summary("Your top products as CSV"), false))));
    }

    static void sellerCategories(Builder ops) {
        seller(range(ops.operationId("merchantSalesByCategory").tag(TAG).summary("Your sales per category"), false))
                .response(ok(SalesViews.ItemsBody.class, "{range, items}"));
    }

    static void sellerCategoriesCsv(Builder ops) {
        csv(seller(range(ops.operationId("merchantSalesByCategoryCsv").tag(TAG)
                .summary("Your sales per category as CSV"), false)));
    }

    static void sellerCustomers(Builder ops) {
        seller(range(ops.operationId("merchantCustomersReport").tag(TAG)
                .summary("Your buyers per interval: new and returning (to your merchant), guests, repeat rate"), false))
                .response(ok(SalesViews.ItemsBody.class, "{range, items}"));
    }

    static void sellerCustomersCsv(Builder ops) {
        csv(seller(range(ops.operationId("merchantCustomersReportCsv").tag(TAG)
                .summary("Your customers report as CSV"), false)));
    }

    private static Builder range(Builder ops, boolean merchantParam) {
        ops.parameter(query("from", String.class, "First day, YYYY-MM-DD (UTC); default 29 days before 'to'"))
                .parameter(query("to", String.class, "Last day, included; default today (UTC); at most "
                        + SalesReportHandler.MAX_DAYS + " days after 'from'"))
                .parameter(query("interval", String.class, "day (default), week (from Monday) or month"))
                .parameter(query("currency", String.class, "Only this currency (ISO 4217)"));
        if (merchantParam) {
            ops.parameter(query("merchant", String.class, "Only this merchant's share (its lines; shipping and "
                    + "refunds shared as docs/api.md says); default the whole store"));
        }
        return ops;
    }

    private static Builder ranking(Builder ops) {
        return ops.parameter(query("by", String.class, "units (default) or revenue"))
                .parameter(query("limit", Integer.class, "How many products, 1 to 100 (default 10)"));
    }

    private static Builder seller(Builder ops) {
        ops.parameter(path("merchantId", "Your merchant's id"));
        errors(ops);
        return ops.response(problem(404, "Not your merchant (merchant_not_found)"));
    }

    private static void csv(Builder ops) {
        ops.response(responseBuilder().responseCode("200").description("CSV, one line per row, header first")
                .content(contentBuilder().mediaType("text/csv")));
        errors(ops);
    }

    private static void errors(Builder ops) {
        ops.response(problem(400, "Bad parameters: dates, from after to, range too long, interval, currency "
                        + "(validation_failed)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not allowed to read reports"));
    }
}
