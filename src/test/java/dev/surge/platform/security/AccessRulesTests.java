package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/** The API's access table, request by request: who may call what (the table that SecurityConfig installs). */
class AccessRulesTests {

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @CsvSource({
            // public storefront reads, for anyone
            "GET,    /api/v1/products,                          anonymous,  granted",
            "GET,    /api/v1/products/desk-lamp,                anonymous,  granted",
            "HEAD,   /api/v1/products/desk-lamp,                anonymous,  granted",
            "GET,    /api/v1/search,                            anonymous,  granted",
            "GET,    /api/v1/flash-sales/123,                   anonymous,  granted",
            "GET,    /.well-known/jwks.json,                    anonymous,  granted",
            "GET,    /actuator/health/liveness,                 anonymous,  granted",
            "OPTIONS,/api/v1/admin/users,                       anonymous,  granted",
            // what guests may post
            "POST,   /api/v1/auth/login,                        anonymous,  granted",
            "POST,   /api/v1/orders,                            anonymous,  granted",
            "POST,   /api/v1/webhooks/stripe,                   anonymous,  granted",
            // an order's invoice and credit notes: guests with the order's token too (invoicing decides who)
            "GET,    /api/v1/orders/o1/invoice,                 anonymous,  granted",
            "GET,    /api/v1/orders/o1/credit-notes,            anonymous,  granted",
            "GET,    /api/v1/orders/o1/credit-notes/c1,         anonymous,  granted",
            "POST,   /api/v1/orders/o1/invoice,                 anonymous,  denied",
            "GET,    /api/v1/orders/o1,                         anonymous,  denied",
            // carts: any method, guests included; merging needs a signed-in caller
            "GET,    /api/v1/cart,                              anonymous,  granted",
            "DELETE, /api/v1/cart/items/abc,                    anonymous,  granted",
            "POST,   /api/v1/cart/merge,                        anonymous,  denied",
            "POST,   /api/v1/cart/merge,                        CUSTOMER,   granted",
            // everything else needs a caller, some a role
            "POST,   /api/v1/products,                          anonymous,  denied",
            "GET,    /api/v1/orders,                            anonymous,  denied",
            "GET,    /api/v1/orders,                            CUSTOMER,   granted",
            "POST,   /api/v1/flash-sales/123/reservations,      anonymous,  denied",
            "POST,   /api/v1/flash-sales/123/reservations,      CUSTOMER,   granted",
            "GET,    /api/v1/admin/users,                       CUSTOMER,   denied",
            "GET,    /api/v1/admin/users,                       ADMIN,      granted",
            "GET,    /api/v1/admin/users,                       SUPER_ADMIN, granted",
            "GET,    /api/v1/admin/payments/reconciliation,     FINANCE,    granted",
            "GET,    /api/v1/admin/orders,                      FINANCE,    denied",
            "POST,   /api/v1/payments/p1/refunds,               CUSTOMER,   denied",
            "POST,   /api/v1/payments/p1/refunds,               FINANCE,    granted",
            "GET,    /api/v1/merchants/m1/products,             SELLER,     granted",
            "GET,    /api/v1/merchants/m1/products,             FULFILMENT, denied",
            "POST,   /api/v1/fulfilment/orders/o1/ship,         FULFILMENT, granted",
            "POST,   /api/v1/fulfilment/orders/o1/ship,         SELLER,     denied",
            "GET,    /api/v1/sandbox/payments/ref,              anonymous,  granted",
    })
    void decides(String method, String path, String caller, String expected) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(HttpMethod.valueOf(method), path));
        Mono<AuthorizationResult> decision = SecurityConfig.ACCESS.authorize(Mono.just(caller(caller)),
                new AuthorizationContext(exchange));
        assertThat(decision.block().isGranted()).as(SecurityConfig.ACCESS.ruleFor(exchange.getRequest()).toString())
                .isEqualTo(expected.equals("granted"));
        assertThat(throughTheFilter(exchange, caller)).as("the chain's filter").isEqualTo(expected);
    }

    /** The same table as the API chain's filter: the request goes on, or an AccessDeniedException is raised. */
    private static String throughTheFilter(MockServerWebExchange exchange, String caller) {
        boolean[] passed = {false};
        Mono<Void> filtered = SecurityConfig.ACCESS.filter().filter(exchange, next -> Mono.fromRunnable(() -> passed[0] = true));
        if (!caller.equals("anonymous")) { // an anonymous request has no authentication in the API chain
            filtered = filtered.contextWrite(
                    org.springframework.security.core.context.ReactiveSecurityContextHolder.withAuthentication(caller(caller)));
        }
        try {
            filtered.block();
            return passed[0] ? "granted" : "stopped";
        } catch (org.springframework.security.access.AccessDeniedException e) {
            return passed[0] ? "both" : "denied";
        }
    }

    @ParameterizedTest
    @CsvSource({"GET, /api-docs, true", "GET, /webjars/swagger-ui/index.css, true", "POST, /api-docs, false",
            "GET, /api/v1/products, false"})
    void matchersAnswerSynchronously(String method, String path, boolean matches) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(HttpMethod.valueOf(method), path));
        assertThat(AccessRules.matcher(HttpMethod.GET, "/api-docs", "/api-docs/**", "/webjars/**")
                .matches(exchange).block().isMatch()).isEqualTo(matches);
    }

    /**
     * Skipping patterns by their literal text decides as trying every pattern does, for paths made from every
     * pattern of the table: cut at each separator, with trailing and doubled slashes, other cases, percent-escapes
     * and matrix parameters.
     */
    @org.junit.jupiter.api.Test
    void skippingPatternsByTheirLiteralTextDecidesAsTryingThemAll() {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        java.util.List<String> patterns = new java.util.ArrayList<>();
        for (String[] group : List.of(SecurityConfig.PUBLIC_GET, SecurityConfig.PUBLIC_POST, SecurityConfig.FINANCE_PATHS,
                SecurityConfig.SELLER_REPORTS, SecurityConfig.SALES_REPORTS, SecurityConfig.SANDBOX,
                SecurityConfig.PUBLIC_ANY_METHOD, SecurityConfig.OPTIONAL_CALLER,
                new String[] {"/api/v1/admin/**", "/api/v1/merchants/**", "/api/v1/fulfilment/**",
                    "/api/v1/cart/merge", "/api/v1/admin/reports/sales/rebuild", "/api/v1/flash-sales/*/reservations"})) {
            patterns.addAll(List.of(group));
        }
        for (String pattern : patterns) {
            for (String filled : List.of(pattern.replace("**", "a/b").replace("*", "x1"),
                    pattern.replace("/**", "").replace("*", "x1"), pattern.replace("**", "").replace("*", ""))) {
                for (int cut = filled.indexOf('/', 1); cut > 0; cut = filled.indexOf('/', cut + 1)) {
                    paths.add(filled.substring(0, cut));
                }
                paths.add(filled);
                paths.add(filled + "/");
                paths.add(filled + "/more");
                paths.add(filled + "s");
                paths.add(filled.replace("/api/v1/", "/api//v1/"));
                paths.add(filled.replace("/v1/", "/V1/"));
                paths.add(filled.replace("/v1/a", "/v1/%61"));
                paths.add(filled.replace("/v1/", "/v1;x=1/"));
                paths.add(filled.toUpperCase(java.util.Locale.ROOT));
            }
        }
        paths.removeIf(path -> !path.startsWith("/"));
        int compared = 0;
        for (String path : paths) {
            for (HttpMethod method : HttpMethod.values()) {
                org.springframework.http.server.PathContainer container =
                        MockServerHttpRequest.method(method, path).build().getPath().pathWithinApplication();
                assertThat(SecurityConfig.ACCESS.ruleFor(method, container))
                        .as(method + " " + path).isSameAs(SecurityConfig.ACCESS.ruleFor(method, container, null));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(2_000);
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/cart, /api/v1/cart", "/api/v1/cart/**, /api/v1/cart", "/api/v1/orders/*/invoice, /api/v1/orders",
            "/api/v1/flash-sales/{id}/reservations, /api/v1/flash-sales", "/**, ''", "/media/**, /media",
            "/api/v1/x?z, /api/v1", "/.well-known/jwks.json, /.well-known/jwks.json"})
    void aPatternsLiteralTextEndsBeforeTheSegmentOfItsFirstWildcard(String pattern, String literal) {
        assertThat(AccessRules.Rule.literalPrefix(pattern)).isEqualTo(literal);
    }

    private static Authentication caller(String role) {
        if (role.equals("anonymous")) {
            return new AnonymousAuthenticationToken("key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        }
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(UUID.randomUUID().toString())
                .claim(Principals.ROLE, role).build();
        return new JwtAuthenticationToken(jwt, List.of(AuthorityUtils.createAuthorityList("ROLE_" + role).get(0)));
    }
}
