package dev.surge.reporting.sales.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The sales and customers reports: the back office's (administrators; finance for the money reports) under
 * {@code /api/v1/admin/reports}, a seller's own under {@code /api/v1/merchants/{merchantId}/reports}. Each report is
 * also CSV, at its path with {@code .csv} or with {@code Accept: text/csv}.
 */
@Configuration(proxyBeanMethods = false)
class SalesReportRouter {

    private static final String ADMIN = "/api/v1/admin/reports";
    private static final String SELLER = "/api/v1/merchants/{merchantId}/reports";

    @Bean
    RouterFunction<ServerResponse> salesReportRoutes(SalesReportHandler h) {
        return SpringdocRouteBuilder.route()
                .GET(ADMIN + "/sales", h::sales, SalesReportApiDocs::sales)
                .GET(ADMIN + "/sales.csv", h::sales, SalesReportApiDocs::salesCsv)
                .GET(ADMIN + "/sales/merchants", h::merchants, SalesReportApiDocs::merchants)
                .GET(ADMIN + "/sales/merchants.csv", h::merchants, SalesReportApiDocs::merchantsCsv)
                .GET(ADMIN + "/sales/products", h::products, SalesReportApiDocs::products)
                .GET(ADMIN + "/sales/products.csv", h::products, SalesReportApiDocs::productsCsv)
                .GET(ADMIN + "/sales/categories", h::categories, SalesReportApiDocs::categories)
                .GET(ADMIN + "/sales/categories.csv", h::categories, SalesReportApiDocs::categoriesCsv)
                .GET(ADMIN + "/customers", h::customers, SalesReportApiDocs::customers)
                .GET(ADMIN + "/customers.csv", h::customers, SalesReportApiDocs::customersCsv)
                .GET(ADMIN + "/conversion", h::conversion, SalesReportApiDocs::conversion)
                .GET(ADMIN + "/conversion.csv", h::conversion, SalesReportApiDocs::conversionCsv)
                .POST(ADMIN + "/sales/rebuild", h::rebuild, SalesReportApiDocs::rebuild)
                .GET(SELLER + "/sales", h::sales, SalesReportApiDocs::sellerSales)
                .GET(SELLER + "/sales.csv", h::sales, SalesReportApiDocs::sellerSalesCsv)
                .GET(SELLER + "/sales/products", h::products, SalesReportApiDocs::sellerProducts)
                .GET(SELLER + "/sales/products.csv", h::products, SalesReportApiDocs::sellerProductsCsv)
                .GET(SELLER + "/sales/categories", h::categories, SalesReportApiDocs::sellerCategories)
                .GET(SELLER + "/sales/categories.csv", h::categories, SalesReportApiDocs::sellerCategoriesCsv)
                .GET(SELLER + "/customers", h::customers, SalesReportApiDocs::sellerCustomers)
                .GET(SELLER + "/customers.csv", h::customers, SalesReportApiDocs::sellerCustomersCsv)
                .build();
    }
}
