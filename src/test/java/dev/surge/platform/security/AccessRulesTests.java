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

    private static Authentication caller(String role) {
        if (role.equals("anonymous")) {
            return new AnonymousAuthenticationToken("key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        }
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(UUID.randomUUID().toString())
                .claim(Principals.ROLE, role).build();
        return new JwtAuthenticationToken(jwt, List.of(AuthorityUtils.createAuthorityList("ROLE_" + role).get(0)));
    }
}
