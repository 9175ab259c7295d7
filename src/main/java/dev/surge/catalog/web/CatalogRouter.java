package dev.surge.catalog.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The public catalog API. Each route's OpenAPI description is in {@link CatalogApiDocs}. */
@Configuration(proxyBeanMethods = false)
class CatalogRouter {

    @Bean
    @org.springframework.core.annotation.Order(2) // storefront reads are tried early (see RoutePrefixes)
    RouterFunction<ServerResponse> catalogRoutes(CatalogHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/products/featured", h::featured, CatalogApiDocs::featured)
                .GET("/api/v1/products/{idOrSlug}", h::product, CatalogApiDocs::product)
                .GET("/api/v1/products", h::list, CatalogApiDocs::list)
                .GET("/api/v1/search", h::search, CatalogApiDocs::search)
                .GET("/api/v1/categories", h::categories, CatalogApiDocs::categories)
                .build();
    }
}
