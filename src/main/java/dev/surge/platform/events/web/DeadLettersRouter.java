package dev.surge.platform.events.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Dead letters for administrators (the access table keeps {@code /api/v1/admin/**} to ADMIN and SUPER_ADMIN). */
@Configuration(proxyBeanMethods = false)
class DeadLettersRouter {

    @Bean
    RouterFunction<ServerResponse> deadLetterRoutes(DeadLettersHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/admin/events/dead-letters", h::list, DeadLettersApiDocs::list)
                .POST("/api/v1/admin/events/dead-letters/replay", h::replayAll, DeadLettersApiDocs::replayAll)
                .POST("/api/v1/admin/events/dead-letters/{id}/replay", h::replay, DeadLettersApiDocs::replay)
                .POST("/api/v1/admin/events/dead-letters/{id}/discard", h::discard, DeadLettersApiDocs::discard)
                .build();
    }
}
