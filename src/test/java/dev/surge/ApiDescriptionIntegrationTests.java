package dev.surge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;

/** Every route of every module is in the OpenAPI description, so the description cannot fall behind. */
class ApiDescriptionIntegrationTests extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteIsDescribed() {
        Set<String> routes = new TreeSet<>();
        context.getBeansOfType(RouterFunction.class).values().forEach(router -> router.accept(new RouteCollector(routes)));
        assertThat(routes).isNotEmpty();

        Map<String, Map<String, Object>> paths = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().entrySet().stream()
                .filter(e -> e.getKey().equals("paths")).findFirst().map(e -> castPaths(e.getValue())).orElseThrow();
        Set<String> described = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(method -> described.add(method.toUpperCase() + " " + path)));

        assertThat(described).containsAll(routes);
    }

    /**
     * Writes the description to {@code target/openapi.json}, which {@code .ci/run} lints with Redocly CLI after
     * the build (the linter needs the document the running application serves, not a hand-kept copy).
     */
    @Test
    void descriptionIsWrittenForTheLinter() throws java.io.IOException {
        byte[] document = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        assertThat(document).isNotEmpty();
        java.nio.file.Path file = java.nio.file.Path.of("target", "openapi.json");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, document);
    }

    @Test
    void descriptionIsOpenApi31AndSwaggerUiIsServed() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").isEqualTo("3.1.0")
                .jsonPath("$.info.title").isEqualTo("Surge API");
        http.get().uri("/api-docs").exchange().expectStatus().is3xxRedirection();
        // Where the redirect leads, without a token: the page, its script and its configuration.
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/html")
                .expectHeader().valueMatches("Content-Security-Policy", "default-src 'self'.*");
        http.get().uri("/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("/v3/api-docs");
        // Nothing else became public: a private route still needs a token.
        http.get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void everyOperationSaysWhoMayCallIt() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.securitySchemes.bearer.type").isEqualTo("http")
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
                .jsonPath("$.components.securitySchemes.bearer.bearerFormat").isEqualTo("JWT")
                .jsonPath("$.paths['/api/v1/auth/me'].get.security[0].bearer").isArray()
                .jsonPath("$.paths['/api/v1/auth/me'].get.security.length()").isEqualTo(1)
                .jsonPath("$.paths['/api/v1/products'].get.security").isEmpty()
                .jsonPath("$.paths['/api/v1/auth/login'].post.security").isEmpty()
                .jsonPath("$.paths['/api/v1/cart'].get.security.length()").isEqualTo(2)
                .jsonPath("$.paths['/api/v1/admin/flash-sales'].post.security[0].bearer").isArray()
                .jsonPath("$.paths['/api/v1/admin/flash-sales'].post['x-roles']").value(roles ->
                        assertThat(roles).asString().contains("ADMIN"))
                .jsonPath("$.paths['/api/v1/payments/{paymentId}/refunds'].post['x-roles']").value(roles ->
                        assertThat(roles).asString().contains("FINANCE"));
        Map<String, Map<String, Object>> paths = castPaths(http.get().uri("/v3/api-docs").exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("paths"));
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> assertThat(
                ((Map<?, ?>) operation).containsKey("security")).as("%s %s has a security requirement", method, path)
                .isTrue()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> castPaths(Object paths) {
        return (Map<String, Map<String, Object>>) paths;
    }

    /** Collects "METHOD /path" for each route, joining nested path prefixes. */
    private static final class RouteCollector implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final Set<String> routes;
        private final java.util.Deque<String> prefixes = new java.util.ArrayDeque<>();
        private String method = "";
        private String path = "";

        RouteCollector(Set<String> routes) {
            this.routes = routes;
        }

        @Override
        public void startNested(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
            path = "";
            predicate.accept(this);
            prefixes.push(path);
        }

        @Override
        public void endNested(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
            prefixes.pop();
        }

        @Override
        public void route(org.springframework.web.reactive.function.server.RequestPredicate predicate,
                org.springframework.web.reactive.function.server.HandlerFunction<?> handlerFunction) {
            method = "";
            path = "";
            predicate.accept(this);
            StringBuilder full = new StringBuilder();
            prefixes.descendingIterator().forEachRemaining(full::append);
            routes.add(method + " " + full + path);
        }

        @Override
        public void resources(java.util.function.Function<org.springframework.web.reactive.function.server.ServerRequest,
                reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
        }

        @Override
        public void method(Set<org.springframework.http.HttpMethod> methods) {
            method = methods.iterator().next().name();
        }

        @Override
        public void path(String pattern) {
            path = pattern;
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
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
        }
    }
}
