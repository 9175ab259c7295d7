package dev.surge.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A router bean's routes as one table, tried in order without a reactive pipeline per route.
 * <p>
 * {@code RouterFunctions.route()...build()} folds a bean's routes into a nested chain
 * ({@code (((r1.and(r2)).and(r3))...)}), each level a concat of its two sides: a request for any route of a
 * cart with eight routes walks seven levels of operators in and out. Each route of the chain answers
 * {@code Mono.just(handler)} when its predicate holds and nothing otherwise, and the first answer wins, so
 * testing the same predicates in the same order and answering the first one's handler is the same answer.
 * <p>
 * Only what a {@link RouterFunctions.Visitor} can see is flattened: plain routes and their attributes. A bean
 * with a nested route, resources or a router function of unknown kind is left as it is. Filters
 * ({@code filter}, {@code before}, {@code after}, {@code onError}) are invisible to visitors, so router beans
 * may not use them ({@code ArchitectureTests.routerBeansDeclareNoFilters}): cross-cutting work belongs in
 * {@code WebFilter}s or in the handler. Visits go to the original bean, so the API description is unchanged.
 */
final class FlatRoutes implements RouterFunction<ServerResponse> {

    private final RouterFunction<ServerResponse> original;
    private final RequestPredicate[] predicates;
    private final HandlerFunction<ServerResponse>[] handlers;

    private FlatRoutes(RouterFunction<ServerResponse> original, List<RequestPredicate> predicates,
            List<HandlerFunction<ServerResponse>> handlers) {
        this.original = original;
        this.predicates = predicates.toArray(RequestPredicate[]::new);
        @SuppressWarnings("unchecked")
        HandlerFunction<ServerResponse>[] table = handlers.toArray(HandlerFunction[]::new);
        this.handlers = table;
    }

    /** The bean's routes as a table, or the bean itself when a visitor cannot see all of it. */
    static RouterFunction<ServerResponse> of(RouterFunction<ServerResponse> routes) {
        Collector collector = new Collector();
        routes.accept(collector);
        return collector.flattenable && !collector.predicates.isEmpty()
                ? new FlatRoutes(routes, collector.predicates, collector.handlers) : routes;
    }

    @Override
    public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
        for (int i = 0; i < predicates.length; i++) {
            if (predicates[i].test(request)) {
                return Mono.just(handlers[i]);
            }
        }
        return Mono.empty();
    }

    @Override
    public void accept(RouterFunctions.Visitor visitor) {
        original.accept(visitor);
    }

    int size() {
        return predicates.length;
    }

    @Override
    public String toString() {
        return "flat " + original;
    }

    private static final class Collector implements RouterFunctions.Visitor {

        final List<RequestPredicate> predicates = new ArrayList<>();
        final List<HandlerFunction<ServerResponse>> handlers = new ArrayList<>();
        boolean flattenable = true;

        @Override
        @SuppressWarnings("unchecked")
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            predicates.add(predicate);
            handlers.add((HandlerFunction<ServerResponse>) handlerFunction);
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            flattenable = false;
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            flattenable = false;
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            flattenable = false;
        }
    }
}
