package dev.surge.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Serves the API description and Swagger UI off the event loops. Swagger UI's files are static files inside
 * a jar, which WebFlux's resource handling opens with blocking file reads (the jar's entries checked for
 * being readable, springdoc's transformer reading the page to fill in its configuration); springdoc builds
 * the description once per locale (a browser's {@code Accept-Language} other than the one built at start-up
 * makes a new one), scanning class files from disk. Those requests are few (a person opening the API
 * explorer, a client generator), so they run on the bounded-elastic scheduler, where blocking is allowed,
 * instead of stalling an event loop that serves the store; every other request is untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ApiDocsOffEventLoopsFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/swagger-ui/") || path.startsWith("/webjars/") || path.startsWith("/v3/api-docs")) {
            return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
        }
        return chain.filter(exchange);
    }
}
