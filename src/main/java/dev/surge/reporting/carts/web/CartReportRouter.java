package dev.surge.reporting.carts.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The carts reports, for administrators (the access table's {@code /api/v1/admin/**}, as the conversion report):
 * the funnel per interval and the abandoned carts. Each is also CSV, at its path with {@code .csv} or with
 * {@code Accept: text/csv}.
 */
@Configuration(proxyBeanMethods = false)
class CartReportRouter {

    private static final String BASE = "/api/v1/admin/reports/carts";

    @Bean
    RouterFunction<ServerResponse> cartReportRoutes(CartReportHandler h) {
        return SpringdocRouteBuilder.route()
                .GET(BASE, h::funnel, CartReportApiDocs::funnel)
                .GET(BASE + ".csv", h::funnel, CartReportApiDocs::funnelCsv)
                .GET(BASE + "/abandoned", h::abandoned, CartReportApiDocs::abandoned)
                .GET(BASE + "/abandoned.csv", h::abandoned, CartReportApiDocs::abandonedCsv)
                .build();
    }
}
