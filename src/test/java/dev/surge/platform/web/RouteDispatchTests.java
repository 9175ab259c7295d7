package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.headers;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

class RouteDispatchTests {

    private static HandlerFunction<ServerResponse> named(String name) {
        return new HandlerFunction<>() {
            @Override
            public reactor.core.publisher.Mono<ServerResponse> handle(ServerRequest request) {
                return ServerResponse.ok().build();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    // Overlapping prefixes on purpose: two beans serve /api/v1/cart..., one bean serves no readable path.
    private final RouterFunction<ServerResponse> cart = RouterFunctions.route()
            .GET("/api/v1/cart", named("cart"))
            .POST("/api/v1/cart/items", named("cart items"))
            .build();
    private final RouterFunction<ServerResponse> cartAdmin = RouterFunctions.route()
            .GET("/api/v1/cart/{id}", named("cart admin"))
            .GET("/api/v1/cart", named("cart shadowed"))
            .build();
    private final RouterFunction<ServerResponse> byHeader = RouterFunctions.route(headers(h -> h.firstHeader("X-Probe") != null),
            named("probe"));
    private final RouterFunction<ServerResponse> products = RouterFunctions.route()
            .GET("/api/v1/products/{slug}", named("product"))
            .path("/api/v1/search", b -> b.GET("", named("search")))
            .build();

    private final List<RouterFunction<ServerResponse>> beans = List.of(RoutePrefixes.guard(cart),
            RoutePrefixes.guard(cartAdmin), RoutePrefixes.guard(byHeader), RoutePrefixes.guard(products));

    @Test
    void answersWhatSpringsChainAnswersForEveryRequest() {
        // What Spring's RouterFunctionMapping builds from the beans: ((a.andOther(b)).andOther(c))...
        RouterFunction<?> chain = beans.get(0);
        for (RouterFunction<ServerResponse> bean : beans.subList(1, beans.size())) {
            chain = chain.andOther(bean);
        }
        RouteDispatch dispatch = new RouteDispatch(beans);
        String[] paths = {"/api/v1/cart", "/api/v1/cart/items", "/api/v1/cart/42", "/api/v1/products/shoe",
            "/api/v1/products", "/api/v1/search", "/api/v1/%63art", "/api/v1/cart;v=1", "/nothing", "/"};
        for (String path : paths) {
            for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST}) {
                for (boolean probe : new boolean[] {false, true}) {
                    assertThat(handler(dispatch, method, path, probe)).as(method + " " + path + " probe " + probe)
                            .isEqualTo(handler(chain, method, path, probe));
                }
            }
        }
        // The checks above are not all "nothing": the dispatch finds the right handler, by order.
        assertThat(handler(dispatch, HttpMethod.GET, "/api/v1/cart", false)).isEqualTo("cart");
        assertThat(handler(dispatch, HttpMethod.GET, "/api/v1/cart/42", false)).isEqualTo("cart admin");
        assertThat(handler(dispatch, HttpMethod.GET, "/nothing", true)).isEqualTo("probe");
        assertThat(handler(dispatch, HttpMethod.GET, "/api/v1/search", false)).isEqualTo("search");
    }

    @Test
    void aBeansRoutesBecomeOneTableUnlessAVisitorCannotSeeThemAll() {
        assertThat(FlatRoutes.of(cart)).isInstanceOf(FlatRoutes.class);
        assertThat(((FlatRoutes) FlatRoutes.of(cart)).size()).isEqualTo(2);
        // Nested routes (products has a path(...) block) and resources stay as Spring built them.
        assertThat(FlatRoutes.of(products)).isSameAs(products);
        RouterFunction<ServerResponse> files = RouterFunctions.resources("/files/**",
                new org.springframework.core.io.ClassPathResource("static/"));
        assertThat(FlatRoutes.of(files)).isSameAs(files);
        // The table answers as the chain does, first match wins (cartAdmin's second GET /api/v1/cart is shadowed).
        RouterFunction<ServerResponse> flat = FlatRoutes.of(cartAdmin);
        for (String path : new String[] {"/api/v1/cart", "/api/v1/cart/7", "/api/v1/cart/7/x", "/api/v1/%63art/7"}) {
            for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST}) {
                assertThat(handler(flat, method, path, false)).as(method + " " + path)
                        .isEqualTo(handler(cartAdmin, method, path, false));
            }
        }
        assertThat(handler(flat, HttpMethod.GET, "/api/v1/cart/7", false)).isEqualTo("cart admin");
    }

    @Test
    void pathVariablesOfTheMatchingRouteReachTheHandler() {
        ServerRequest request = ServerRequest.create(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cart/42")),
                ServerCodecConfigurer.create().getReaders());
        new RouteDispatch(beans).route(request).block();
        assertThat(request.pathVariables()).containsEntry("id", "42");
    }

    @Test
    void visitorsSeeEveryBeansRoutesInOrder() {
        StringBuilder chain = new StringBuilder();
        StringBuilder dispatch = new StringBuilder();
        beans.forEach(bean -> bean.accept(recorder(chain)));
        new RouteDispatch(beans).accept(recorder(dispatch));
        assertThat(dispatch.toString()).isEqualTo(chain.toString()).contains("/api/v1/products/{slug}");
    }

    private static String handler(RouterFunction<?> routes, HttpMethod method, String path, boolean probe) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.method(method, path);
        if (probe) {
            builder.header("X-Probe", "1");
        }
        ServerRequest request = ServerRequest.create(MockServerWebExchange.from(builder),
                ServerCodecConfigurer.create().getReaders());
        return routes.route(request).map(Object::toString).blockOptional().orElse("none");
    }

    private static RouterFunctions.Visitor recorder(StringBuilder seen) {
        return new RouterFunctions.Visitor() {
            @Override
            public void startNested(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
                seen.append("nest ").append(predicate).append('\n');
            }

            @Override
            public void endNested(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
                seen.append("end\n");
            }

            @Override
            public void route(org.springframework.web.reactive.function.server.RequestPredicate predicate,
                    HandlerFunction<?> handlerFunction) {
                seen.append(predicate).append(" -> ").append(handlerFunction).append('\n');
            }

            @Override
            public void resources(java.util.function.Function<ServerRequest,
                    reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
                seen.append("resources\n");
            }

            @Override
            public void attributes(java.util.Map<String, Object> attributes) {
            }

            @Override
            public void unknown(RouterFunction<?> routerFunction) {
                seen.append("unknown\n");
            }
        };
    }
}
