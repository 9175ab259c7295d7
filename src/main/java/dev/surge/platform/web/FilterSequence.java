package dev.surge.platform.web;

import java.util.List;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs web filters one after another, then the step after them, each filter when the one before it
 * subscribes to the rest of the chain (as WebFlux's {@code DefaultWebFilterChain} does).
 * <p>
 * What it leaves out is debugging aid paid on every request: {@code DefaultWebFilterChain} wraps each
 * filter's answer in a {@code checkpoint} operator named by concatenating strings, and Spring Security
 * builds a new linked chain of those for its filters on every request. Together that was 5-8 % of the CPU
 * of a request without I/O (docs/performance.md, "Cost per request"). An error passing through the filters
 * still reaches the error handler and its log line; only the list of filters it passed is missing from
 * the stack trace.
 */
public final class FilterSequence implements WebFilterChain {

    private final List<WebFilter> filters;
    private final int next;
    private final WebFilterChain after;

    private FilterSequence(List<WebFilter> filters, int next, WebFilterChain after) {
        this.filters = filters;
        this.next = next;
        this.after = after;
    }

    /** The filters (in the order given; the list is not copied, so it must not change), then {@code after}. */
    public static WebFilterChain of(List<WebFilter> filters, WebFilterChain after) {
        return filters.isEmpty() ? after : new FilterSequence(filters, 0, after);
    }

    /** One filter that runs {@code filters} in order before the rest of the chain it is part of. */
    public static WebFilter asOne(List<WebFilter> filters) {
        List<WebFilter> all = List.copyOf(filters);
        return (exchange, chain) -> new FilterSequence(all, 0, chain).filter(exchange);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange) {
        return Mono.defer(() -> next == filters.size() ? after.filter(exchange)
                : filters.get(next).filter(exchange, new FilterSequence(filters, next + 1, after)));
    }
}
