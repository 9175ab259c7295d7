package dev.surge.cart.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The cart API: for guests (cart token) and signed-in customers (bearer token) alike. */
@Configuration(proxyBeanMethods = false)
class CartRouter {

    @Bean
    @Order(1) // the hottest routes are tried first (see RoutePrefixes)
    RouterFunction<ServerResponse> cartRoutes(CartHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/cart", h::get, CartApiDocs::get)
                .DELETE("/api/v1/cart", h::clear, CartApiDocs::clear)
                .POST("/api/v1/cart/items", h::add, CartApiDocs::add)
                .PATCH("/api/v1/cart/items/{variantId}", h::update, CartApiDocs::update)
                .DELETE("/api/v1/cart/items/{variantId}", h::remove, CartApiDocs::remove)
                .POST("/api/v1/cart/merge", h::merge, CartApiDocs::merge)
                .POST("/api/v1/cart/coupon", h::applyCoupon, CartApiDocs::applyCoupon)
                .DELETE("/api/v1/cart/coupon", h::removeCoupon, CartApiDocs::removeCoupon)
                .build();
    }
}
