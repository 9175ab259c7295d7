package dev.surge.notifications.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The record of sent emails for administrators (the access table keeps {@code /api/v1/admin/**} to staff). */
@Configuration(proxyBeanMethods = false)
class NotificationsRouter {

    @Bean
    RouterFunction<ServerResponse> notificationsRoutes(NotificationsHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/admin/notifications", h::list, NotificationsApiDocs::listNotifications)
                .build();
    }
}
