package dev.surge.platform.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Routes a request only into the router functions that can match its path.
 * <p>
 * Spring composes every {@code RouterFunction} bean into one chain and tries them in order, each walking
 * its routes through a reactive pipeline: a request for the last module's route went through every route
 * of every module before it. This post-processor wraps each router bean in a guard that knows, from the
 * bean's own route predicates (read once at start-up through {@link RouterFunctions.Visitor}), the literal
 * prefixes its paths can start with ({@code /api/v1/cart} for {@code /api/v1/cart/items/{variantId}}); a
 * request whose path starts with none of them skips the bean with a constant empty answer.
 * <p>
 * The guard never changes which route answers: a bean with any route it cannot read a path from (a
 * resource handler, a predicate without a path, a negation) is not guarded at all, and a request path with
 * percent-escapes or matrix parameters (which path patterns match after decoding) is tried everywhere. The
 * wrapper passes {@link #accept visits} through, so the API description sees the same routes.
 */
public final class RoutePrefixes {

    private RoutePrefixes() {
    }

    /** Wraps every router function bean (declared as {@code static @Bean} in the web configuration). */
    public static BeanPostProcessor guardEveryRouter() {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof RouterFunction<?> routes && !(bean instanceof Guarded<?>)
                        ? guard((RouterFunction) routes) : bean;
            }
        };
    }

    /** The routes behind a prefix guard, or the routes themselves when their prefixes cannot be known. */
    public static <T extends org.springframework.web.reactive.function.server.ServerResponse> RouterFunction<T> guard(
            RouterFunction<T> routes) {
        PrefixCollector collector = new PrefixCollector();
        routes.accept(collector);
        return collector.unguardable || collector.prefixes.isEmpty() ? routes
                : new Guarded<>(routes, collector.prefixes.toArray(String[]::new));
    }

    /**
     * The part of a path pattern before its first variable or wildcard. Before {@code **} or a capture-all
     * {@code {*rest}}, which also match nothing at all, the separator is dropped too: {@code /media/**}
     * matches {@code /media}.
     */
    static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?') {
                boolean matchesEmptyRest = pattern.startsWith("**", i) || pattern.startsWith("{*", i);
                return matchesEmptyRest && i > 0 && pattern.charAt(i - 1) == '/'
                        ? pattern.substring(0, i - 1) : pattern.substring(0, i);
            }
        }
        return pattern;
    }

    static final class Guarded<T extends org.springframework.web.reactive.function.server.ServerResponse>
            implements RouterFunction<T> {

        private final RouterFunction<T> routes;
        private final String[] prefixes;

        Guarded(RouterFunction<T> routes, String[] prefixes) {
            this.routes = routes;
            this.prefixes = prefixes;
        }

        @Override
        public Mono<HandlerFunction<T>> route(ServerRequest request) {
            String path = request.requestPath().pathWithinApplication().value();
            if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
                return routes.route(request);
            }
            for (String prefix : prefixes) {
                if (path.startsWith(prefix)) {
                    return routes.route(request);
                }
            }
            return Mono.empty();
        }

        @Override
        public void accept(RouterFunctions.Visitor visitor) {
            routes.accept(visitor);
        }

        RouterFunction<T> routes() {
            return routes;
        }

        List<String> prefixes() {
            return List.of(prefixes);
        }

        @Override
        public String toString() {
            return "routes under " + List.of(prefixes) + ": " + routes;
        }
    }

    /** Reads the path prefixes of every route; gives up (unguardable) on anything without a readable path. */
    private static final class PrefixCollector implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        final List<String> prefixes = new ArrayList<>();
        boolean unguardable;
        private final Deque<String> nesting = new ArrayDeque<>();
        private List<String> pathsOfPredicate;
        private int negations;

        private List<String> pathsOf(RequestPredicate predicate) {
            pathsOfPredicate = new ArrayList<>();
            predicate.accept(this);
            return pathsOfPredicate;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            List<String> paths = pathsOf(predicate);
            if (paths.size() != 1) {
                unguardable = true; // nesting without exactly one path: its inner paths cannot be placed
                nesting.push("");
                return;
            }
            nesting.push((nesting.isEmpty() ? "" : nesting.peek()) + paths.get(0));
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            nesting.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            List<String> paths = pathsOf(predicate);
            if (paths.isEmpty()) {
                unguardable = true;
                return;
            }
            String outer = nesting.isEmpty() ? "" : nesting.peek();
            for (String path : paths) {
                String prefix = literalPrefix(outer + path);
                if (prefix.isEmpty() || !prefix.startsWith("/")) {
                    unguardable = true;
                } else if (!prefixes.contains(prefix)) {
                    prefixes.add(prefix);
                }
            }
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            unguardable = true;
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            unguardable = true;
        }

        @Override
        public void path(String pattern) {
            if (negations > 0) {
                unguardable = true;
            }
            pathsOfPredicate.add(pattern);
        }

        @Override
        public void method(Set<HttpMethod> methods) {
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
            unguardable = true; // one side may match without the path
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
            negations++;
        }

        @Override
        public void endNegate() {
            negations--;
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            unguardable = true;
        }
    }
}
