package dev.surge.reporting.operations.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The operations reports. Inventory and flash sales: admins, and sellers for their own merchant; payments:
 * finance and admins (the access table in {@code SecurityConfig}). Each answers CSV at its {@code .csv} path
 * or to {@code Accept: text/csv}.
 */
@Configuration(proxyBeanMethods = false)
class OperationsReportsRouter {

    private static final String BASE = "/api/v1/admin/reports";

    @Bean
    RouterFunction<ServerResponse> operationsReportRoutes(InventoryReportsHandler inventory,
            FlashSaleReportsHandler sales, PaymentReportsHandler payments) {
        return SpringdocRouteBuilder.route()
                .GET(BASE + "/inventory/stock", inventory::stock, OperationsReportsApiDocs::stock)
                .GET(BASE + "/inventory/stock.csv", inventory::stock, OperationsReportsApiDocs::stockCsv)
                .GET(BASE + "/inventory/movements", inventory::movements, OperationsReportsApiDocs::movements)
                .GET(BASE + "/inventory/movements.csv", inventory::movements, OperationsReportsApiDocs::movementsCsv)
                .GET(BASE + "/inventory/sell-through", inventory::sellThrough, OperationsReportsApiDocs::sellThrough)
                .GET(BASE + "/inventory/sell-through.csv", inventory::sellThrough, OperationsReportsApiDocs::sellThroughCsv)
                .GET(BASE + "/flash-sales", sales::list, OperationsReportsApiDocs::flashSales)
                .GET(BASE + "/flash-sales.csv", sales::list, OperationsReportsApiDocs::flashSalesCsv)
                .GET(BASE + "/flash-sales/{saleId}", sales::one, OperationsReportsApiDocs::flashSale)
                .GET(BASE + "/payments", payments::summary, OperationsReportsApiDocs::payments)
                .GET(BASE + "/payments.csv", payments::summary, OperationsReportsApiDocs::paymentsCsv)
                .GET(BASE + "/payments/attention", payments::attention, OperationsReportsApiDocs::attention)
                .GET(BASE + "/payments/attention.csv", payments::attention, OperationsReportsApiDocs::attentionCsv)
                .build();
    }
}
