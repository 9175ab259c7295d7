package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.headers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.http.codec.ServerCodecConfigurer;

class RoutePrefixesTests {

    private static final HandlerFunction<ServerResponse> OK = request -> ServerResponse.ok().build();

    private final RouterFunction<ServerResponse> cart = RouterFunctions.route()
            .GET("/api/v1/cart", OK)
            .POST("/api/v1/cart/items", OK)
            .path("/api/v1/reservations", builder -> builder.GET("/{id}", OK))
            .build();

    @Test
    void readsEachRoutesLiteralPrefix() {
        RouterFunction<ServerResponse> guarded = RoutePrefixes.guard(cart);
        assertThat(guarded).isInstanceOf(RoutePrefixes.Guarded.class);
        assertThat(((RoutePrefixes.Guarded<ServerResponse>) guarded).prefixes())
                .containsExactly("/api/v1/cart", "/api/v1/cart/items", "/api/v1/reservations/");
    }

    @Test
    void routesWhatMatchesAndSkipsTheRest() {
        RouterFunction<ServerResponse> guarded = RoutePrefixes.guard(cart);
        assertThat(routes(guarded, HttpMethod.GET, "/api/v1/cart")).isTrue();
        assertThat(routes(guarded, HttpMethod.GET, "/api/v1/reservations/42")).isTrue();
        assertThat(routes(guarded, HttpMethod.GET, "/api/v1/products")).isFalse();
        // Escaped paths are matched after decoding by the routes: tried, never skipped by the guard.
        assertThat(routes(guarded, HttpMethod.GET, "/api/v1/%63art")).isEqualTo(routes(cart, HttpMethod.GET, "/api/v1/%63art"));
        assertThat(routes(guarded, HttpMethod.GET, "/api/v1/cart;v=1")).isEqualTo(routes(cart, HttpMethod.GET, "/api/v1/cart;v=1"));
    }

    @Test
    void aCatchAllAlsoLetsItsBarePathThrough() {
        RouterFunction<ServerResponse> media = RouterFunctions.route().GET("/media/**", OK).GET("/files/{*rest}", OK).build();
        RouterFunction<ServerResponse> guarded = RoutePrefixes.guard(media);
        assertThat(((RoutePrefixes.Guarded<ServerResponse>) guarded).prefixes()).containsExactly("/media", "/files");
        for (String path : new String[] {"/media", "/media/a/b.png", "/files", "/files/x", "/mediax"}) {
            assertThat(routes(guarded, HttpMethod.GET, path)).as(path).isEqualTo(routes(media, HttpMethod.GET, path));
        }
    }

    @Test
    void leavesAloneWhatItCannotRead() {
        RouterFunction<ServerResponse> resources = RouterFunctions.resources("/media/**", new ClassPathResource("static/"));
        assertThat(RoutePrefixes.guard(resources)).isSameAs(resources);
        RouterFunction<ServerResponse> byHeader = RouterFunctions.route(headers(h -> true), OK);
        assertThat(RoutePrefixes.guard(byHeader)).isSameAs(byHeader);
        RouterFunction<ServerResponse> either = RouterFunctions.route(GET("/a").or(POST("/b").negate()), OK);
        assertThat(RoutePrefixes.guard(either)).isSameAs(either);
    }

    @Test
    void visitorsSeeTheSameRoutes() {
        List<String> seen = new ArrayList<>();
        List<String> seenGuarded = new ArrayList<>();
        cart.accept(visitor(seen));
        RoutePrefixes.guard(cart).accept(visitor(seenGuarded));
        assertThat(seenGuarded).isEqualTo(seen).isNotEmpty();
    }

    private static boolean routes(RouterFunction<ServerResponse> routes, HttpMethod method, String path) {
        ServerRequest request = ServerRequest.create(MockServerWebExchange.from(MockServerHttpRequest.method(method, path)),
                ServerCodecConfigurer.create().getReaders());
        return routes.route(request).blockOptional().isPresent();
    }

    private static RouterFunctions.Visitor visitor(List<String> seen) {
        return new RouterFunctions.Visitor() {
            @Override
            public void startNested(RequestPredicate predicate) {
                seen.add("nest " + predicate);
            }

            @Override
            public void endNested(RequestPredicate predicate) {
                seen.add("end");
            }

            @Override
            public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
                seen.add(predicate.toString());
            }

            @Override
            public void resources(java.util.function.Function<ServerRequest, reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
                seen.add("resources");
            }

            @Override
            public void attributes(java.util.Map<String, Object> attributes) {
            }

            @Override
            public void unknown(RouterFunction<?> routerFunction) {
                seen.add("unknown");
            }
        };
    }
}
