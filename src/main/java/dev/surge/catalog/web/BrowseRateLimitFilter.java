package dev.surge.catalog.web;

import dev.surge.platform.errors.TooManyRequestsException;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.ratelimit.LocalRateLimits;
import dev.surge.platform.ratelimit.RateLimitProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Product listings and searches per client address ({@code browse-ip}): a scraper walking the catalog page by page
 * is cut off with 429 and {@code Retry-After}, a shopper never meets the limit. Counted in this instance's memory
 * ({@link LocalRateLimits}), so the storefront's hottest reads pay no Redis round trip for it; and before the list
 * cache ({@link PublicListCacheFilter}), so cached pages count too.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10) // before PublicListCacheFilter
class BrowseRateLimitFilter implements WebFilter {

    private final LocalRateLimits limits;
    private final ClientIp clientIp;

    BrowseRateLimitFilter(LocalRateLimits limits, ClientIp clientIp) {
        this.limits = limits;
        this.clientIp = clientIp;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (HttpMethod.GET.equals(exchange.getRequest().getMethod()) && browsing(exchange)) {
            try {
                limits.consume(RateLimitProperties.BROWSE_IP, clientIp.limitKey(exchange.getRequest()));
            } catch (TooManyRequestsException limited) {
                return Mono.error(limited);
            }
        }
        return chain.filter(exchange);
    }

    /** The product list and search, every page of them. */
    private static boolean browsing(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.equals("/api/v1/products") || path.equals("/api/v1/search");
    }
}
