package dev.surge.reviews.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Reviews: the public list of a product's published reviews; writing, editing and deleting by their buyer;
 * moderation by admins and the product's merchant's sellers.
 */
@Configuration(proxyBeanMethods = false)
class ReviewsRouter {

    @Bean
    RouterFunction<ServerResponse> reviewsRoutes(ReviewsHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/products/{productId}/reviews", h::published, ReviewsApiDocs::published)
                .POST("/api/v1/products/{productId}/reviews", h::write, ReviewsApiDocs::write)
                .PATCH("/api/v1/reviews/{reviewId}", h::edit, ReviewsApiDocs::edit)
                .DELETE("/api/v1/reviews/{reviewId}", h::delete, ReviewsApiDocs::delete)
                .POST("/api/v1/reviews/{reviewId}/publish", h::publish, ReviewsApiDocs::publish)
                .POST("/api/v1/reviews/{reviewId}/reject", h::reject, ReviewsApiDocs::reject)
                .GET("/api/v1/merchants/{merchantId}/reviews", h::queue, ReviewsApiDocs::merchantQueue)
                .GET("/api/v1/admin/reviews", h::queue, ReviewsApiDocs::adminQueue)
                .build();
    }
}
