package dev.surge.platform.web;

import dev.surge.platform.persistence.Ids;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Accepts a well-formed {@code X-Request-Id} or makes one, echoes it on the response and puts it in the
 * Reactor context, from where {@code RequestIdLogging} copies it into every log line. Runs first, so
 * even security and size-limit rejections carry the id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    RequestIdFilter() {
        // Entity ids are made on event loops from the first request on: load and seed their generator (a DRBG
        // that reads the OS entropy source once) here, on the thread that starts the application.
        Ids.newId();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
        String id = offered != null && RequestIds.ACCEPTED.matcher(offered).matches()
                ? offered : RequestIds.newId();
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
        return chain.filter(exchange).contextWrite(ctx -> ctx.put(RequestIds.CONTEXT_KEY, id));
    }
}
