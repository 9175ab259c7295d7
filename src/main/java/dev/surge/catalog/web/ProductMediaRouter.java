package dev.surge.catalog.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Product images: sellers (their merchant's products) and admins upload, edit and delete them. Each route's
 * OpenAPI description is in {@link ProductMediaApiDocs}.
 */
@Configuration(proxyBeanMethods = false)
class ProductMediaRouter {

    private static final String IMAGES = "/api/v1/products/{productId}/images";

    @Bean
    RouterFunction<ServerResponse> productMediaRoutes(ProductMediaHandler h) {
        return SpringdocRouteBuilder.route()
                .POST(IMAGES, h::upload, ProductMediaApiDocs::upload)
                .PATCH(IMAGES + "/{imageId}", h::update, ProductMediaApiDocs::update)
                .DELETE(IMAGES + "/{imageId}", h::delete, ProductMediaApiDocs::delete)
                .build();
    }
}
