package dev.surge.wishlists.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The signed-in customer's wishlist (any signed-in caller: the access table's default). */
@Configuration(proxyBeanMethods = false)
class WishlistRouter {

    @Bean
    RouterFunction<ServerResponse> wishlistRoutes(WishlistHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/wishlist", h::list, WishlistApiDocs::list)
                .PUT("/api/v1/wishlist/items/{variantId}", h::put, WishlistApiDocs::put)
                .DELETE("/api/v1/wishlist/items/{variantId}", h::remove, WishlistApiDocs::remove)
                .build();
    }
}
