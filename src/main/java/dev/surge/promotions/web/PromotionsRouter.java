package dev.surge.promotions.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Managing promotions: the platform's (administrators) and a merchant's (its sellers, and administrators). */
@Configuration(proxyBeanMethods = false)
class PromotionsRouter {

    @Bean
    RouterFunction<ServerResponse> promotionRoutes(PromotionsHandler h) {
        return SpringdocRouteBuilder.route()
                .POST("/api/v1/admin/promotions", h::create, PromotionsApiDocs::createPromotion)
                .GET("/api/v1/admin/promotions", h::list, PromotionsApiDocs::listPromotions)
                .GET("/api/v1/admin/promotions/{promotionId}", h::get, PromotionsApiDocs::getPromotion)
                .PATCH("/api/v1/admin/promotions/{promotionId}", h::update, PromotionsApiDocs::updatePromotion)
                .POST("/api/v1/admin/promotions/{promotionId}/deactivate", h::deactivate,
                        PromotionsApiDocs::deactivatePromotion)
                .POST("/api/v1/merchants/{merchantId}/promotions", h::create, PromotionsApiDocs::createMerchantPromotion)
                .GET("/api/v1/merchants/{merchantId}/promotions", h::list, PromotionsApiDocs::listMerchantPromotions)
                .GET("/api/v1/merchants/{merchantId}/promotions/{promotionId}", h::get,
                        PromotionsApiDocs::getMerchantPromotion)
                .PATCH("/api/v1/merchants/{merchantId}/promotions/{promotionId}", h::update,
                        PromotionsApiDocs::updateMerchantPromotion)
                .POST("/api/v1/merchants/{merchantId}/promotions/{promotionId}/deactivate", h::deactivate,
                        PromotionsApiDocs::deactivateMerchantPromotion)
                .build();
    }
}
