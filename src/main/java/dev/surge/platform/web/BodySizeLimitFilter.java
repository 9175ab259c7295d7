package dev.surge.platform.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.http.server.HttpServerRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code surge.web.max-body-size} with 413: at once when
 * {@code Content-Length} says so, or as soon as a chunked body crosses the limit while being read. Routes
 * declared as {@link RouteBodyLimit} beans (uploads) have their own limit instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimitFilter implements WebFilter {

    private final long defaultLimit;
    private final List<Route> routes;

    BodySizeLimitFilter(WebProperties properties, List<RouteBodyLimit> routeLimits) {
        this.defaultLimit = properties.maxBodySize().toBytes();
        this.routes = routeLimits.stream()
                .map(route -> new Route(route, PathPatternParser.defaultInstance.parse(route.pathPattern())))
                .toList();
    }

    private record Route(RouteBodyLimit limit, PathPattern pattern) {
    }

    private long limitOf(ServerWebExchange exchange) {
        for (Route route : routes) {
            if (route.limit().method().equals(exchange.getRequest().getMethod())
                    && route.pattern().matches(exchange.getRequest().getPath().pathWithinApplication())) {
                return route.limit().maxSize().toBytes();
            }
        }
        return defaultLimit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long limit = limitOf(exchange);
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return Mono.error(new PayloadTooLargeException(limit));
        }
        if (declared >= 0 || hasNoBody(exchange.getRequest())) {
            return chain.filter(exchange); // a declared length was checked above
        }
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().handle((buffer, sink) -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLargeException(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    /**
     * An HTTP/1.x request with neither {@code Content-Length} nor {@code Transfer-Encoding} has no body
     * (RFC 9112, 6.3), so there is nothing to count: most requests (every GET) skip the counting wrapper.
     * Other protocols (HTTP/2 frames a body without either header) and unknown servers are counted.
     */
    private static boolean hasNoBody(ServerHttpRequest request) {
        if (request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalStateException | IllegalArgumentException noNativeRequest) { // a mock, or an unknown kind
            return false;
        }
        return nativeRequest instanceof HttpServerRequest netty && netty.version().majorVersion() == 1;
    }

    /** Thrown when a body is over the limit; mapped to 413 {@code payload_too_large}. */
    static final class PayloadTooLargeException extends RuntimeException {

        PayloadTooLargeException(long limit) {
            super("Request body is larger than " + limit + " bytes", null, false, false);
        }
    }
}
