package dev.surge.catalog.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Catalog management: a merchant's products (its sellers, or admins) under {@code /api/v1/merchants/{id}},
 * and the category tree (admins) under {@code /api/v1/admin/categories}. Writes to a product carry its
 * {@code ETag} back in {@code If-Match}. Each route's OpenAPI description is in {@link CatalogManagementApiDocs}.
 */
@Configuration(proxyBeanMethods = false)
class CatalogManagementRouter {

    private static final String PRODUCTS = "/api/v1/merchants/{merchantId}/products";
    private static final String PRODUCT = PRODUCTS + "/{productId}";
    private static final String CATEGORIES = "/api/v1/admin/categories";

    @Bean
    RouterFunction<ServerResponse> catalogManagementRoutes(CatalogManagementHandler h, ProductCsvHandler csv,
            CategoryManagementHandler categories) {
        return SpringdocRouteBuilder.route()
                .GET(PRODUCTS + "/export", csv::exportCsv, CatalogManagementApiDocs::exportCsv)
                .POST(PRODUCTS + "/import", csv::importCsv, CatalogManagementApiDocs::importCsv)
                .GET(PRODUCTS, h::list, CatalogManagementApiDocs::list)
                .POST(PRODUCTS, h::create, CatalogManagementApiDocs::create)
                .GET(PRODUCT, h::get, CatalogManagementApiDocs::get)
                .PUT(PRODUCT, h::replace, CatalogManagementApiDocs::replace)
                .PATCH(PRODUCT, h::patch, CatalogManagementApiDocs::patch)
                .DELETE(PRODUCT, h::delete, CatalogManagementApiDocs::delete)
                .POST(PRODUCT + "/archive", h::archive, CatalogManagementApiDocs::archive)
                .POST(PRODUCT + "/restore", h::restore, CatalogManagementApiDocs::restore)
                .POST(PRODUCT + "/variants", h::addVariant, CatalogManagementApiDocs::addVariant)
                .PATCH(PRODUCT + "/variants/{variantId}", h::patchVariant, CatalogManagementApiDocs::patchVariant)
                .DELETE(PRODUCT + "/variants/{variantId}", h::deleteVariant, CatalogManagementApiDocs::deleteVariant)
                .POST(CATEGORIES, categories::create, CatalogManagementApiDocs::createCategory)
                .PATCH(CATEGORIES + "/{categoryId}", categories::update, CatalogManagementApiDocs::updateCategory)
                .DELETE(CATEGORIES + "/{categoryId}", categories::delete, CatalogManagementApiDocs::deleteCategory)
                .build();
    }
}
