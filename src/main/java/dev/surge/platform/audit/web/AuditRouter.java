package dev.surge.platform.audit.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The audit log for administrators (the access table keeps {@code /api/v1/admin/**} to staff). */
@Configuration(proxyBeanMethods = false)
class AuditRouter {

    @Bean
    RouterFunction<ServerResponse> auditRoutes(AuditHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/admin/audit", h::list, AuditApiDocs::listAudit)
                .build();
    }
}
