package dev.surge.identity.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Personal data: the account holder's export and erasure, and the same for admins. */
@Configuration(proxyBeanMethods = false)
class PrivacyRouter {

    @Bean
    RouterFunction<ServerResponse> privacyRoutes(PrivacyHandler h) {
        return SpringdocRouteBuilder.route()
                .POST("/api/v1/auth/me/export", h::requestExport, PrivacyApiDocs::requestExport)
                .POST("/api/v1/auth/me/export/download", h::downloadExport, PrivacyApiDocs::downloadExport)
                .DELETE("/api/v1/auth/me", h::eraseOwn, PrivacyApiDocs::eraseOwn)
                .POST("/api/v1/admin/users/{userId}/export", h::exportFor, PrivacyApiDocs::exportFor)
                .DELETE("/api/v1/admin/users/{userId}", h::eraseFor, PrivacyApiDocs::eraseFor)
                .build();
    }
}
