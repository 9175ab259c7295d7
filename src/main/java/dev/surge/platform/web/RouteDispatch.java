package dev.surge.platform.web;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One router function over every router bean, asking only the beans whose paths can match a request.
 * <p>
 * Spring's {@link RouterFunctionMapping} folds the router beans into one nested chain
 * ({@code ((a.andOther(b)).andOther(c))...}): whichever bean answers, a request runs through a
 * concat, next and map operator per bean on its way in, its answer climbs every level on the way out, and
 * its cancellation walks them all down again, about a hundred operator calls on every request before its
 * handler starts, however early its bean is in the order. {@link RoutePrefixes} already knows which path
 * prefixes each bean serves; this dispatch picks the beans whose prefixes the request's path starts with,
 * in the beans' order, and asks the only one directly (or the few in turn), so a request meets the routes
 * of its own prefix and nothing else. Inside a bean, {@link FlatRoutes} does the same for the bean's own chain.
 * <p>
 * The answer is the one Spring's chain gives: the beans are asked in the same order, and a bean skipped
 * here is one whose guard would have answered empty. Visits ({@link #accept}) reach every bean in order,
 * so the API description and Spring's own set-up (path parser, API versions) see the same routes.
 */
public final class RouteDispatch implements RouterFunction<ServerResponse> {

    private static final String[] ANY_PATH = new String[0];

    private final RouterFunction<ServerResponse>[] routes;
    /** Per bean: the prefixes its paths start with, or {@link #ANY_PATH} for a bean that must always be asked. */
    private final String[][] prefixes;

    @SuppressWarnings("unchecked")
    RouteDispatch(List<RouterFunction<ServerResponse>> beans) {
        this.routes = new RouterFunction[beans.size()];
        this.prefixes = new String[beans.size()][];
        for (int i = 0; i < beans.size(); i++) {
            RouterFunction<ServerResponse> bean = beans.get(i);
            if (bean instanceof RoutePrefixes.Guarded<ServerResponse> guarded) {
                routes[i] = FlatRoutes.of(guarded.routes());
                prefixes[i] = guarded.prefixes().toArray(String[]::new);
            } else {
                routes[i] = FlatRoutes.of(bean);
                prefixes[i] = ANY_PATH;
            }
        }
    }

    /**
     * Puts the dispatch into Spring's router function mapping before it builds its own chain. The mapping
     * has no setter for it; its field is set before {@code afterPropertiesSet}, which then keeps it (and
     * still applies the path parser and API versions to it). Fails the start if a Spring upgrade renames
     * the field, rather than quietly falling back to the chain.
     */
    public static BeanPostProcessor installer(ObjectProvider<RouterFunction<?>> beans) {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RouterFunctionMapping mapping && mapping.getRouterFunction() == null) {
                    List<RouterFunction<ServerResponse>> ordered = new ArrayList<>();
                    beans.orderedStream().forEach(router -> ordered.add((RouterFunction) router));
                    if (!ordered.isEmpty()) {
                        Field field = ReflectionUtils.findField(RouterFunctionMapping.class, "routerFunction",
                                RouterFunction.class);
                        if (field == null) {
                            throw new IllegalStateException("RouterFunctionMapping has no routerFunction field: "
                                    + "RouteDispatch must be adapted to this Spring version");
                        }
                        ReflectionUtils.makeAccessible(field);
                        ReflectionUtils.setField(field, mapping, new RouteDispatch(ordered));
                    }
                }
                return bean;
            }
        };
    }

    @Override
    public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
        String path = request.requestPath().pathWithinApplication().value();
        // Percent-escapes and matrix parameters are matched by path patterns after decoding: ask everyone.
        boolean literal = path.indexOf('%') < 0 && path.indexOf(';') < 0;
        int first = -1;
        int count = 0;
        for (int i = 0; i < routes.length; i++) {
            if (!literal || matches(prefixes[i], path)) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (count == 0) {
            return Mono.empty();
        }
        if (count == 1) {
            return routes[first].route(request);
        }
        List<RouterFunction<ServerResponse>> candidates = new ArrayList<>(count);
        for (int i = first; i < routes.length; i++) {
            if (!literal || matches(prefixes[i], path)) {
                candidates.add(routes[i]);
            }
        }
        return Flux.fromIterable(candidates).concatMap(candidate -> candidate.route(request), 0).next();
    }

    private static boolean matches(String[] prefixes, String path) {
        if (prefixes == ANY_PATH) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void accept(RouterFunctions.Visitor visitor) {
        for (RouterFunction<ServerResponse> bean : routes) { // FlatRoutes pass visits to their bean
            bean.accept(visitor);
        }
    }

    @Override
    public String toString() {
        return "dispatch over " + routes.length + " router beans";
    }
}
