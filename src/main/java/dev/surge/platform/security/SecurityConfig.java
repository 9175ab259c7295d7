package dev.surge.platform.security;

import dev.surge.platform.web.FilterSequence;
import dev.surge.platform.web.ProblemResponses;
import dev.surge.platform.web.WebProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authorization.ExceptionTranslationWebFilter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who may call what, and the headers every response carries. The public storefront reads are open;
 * everything else needs an authenticated caller (the identity module adds bearer tokens). Both
 * rejections answer in the same problem format as every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    /** Public, read-only paths: the storefront catalog and its images, health, the API description, our keys (metrics: MetricsSecurity). */
    static final String[] PUBLIC_GET = {
        "/api/v1/products", "/api/v1/products/**", "/api/v1/categories", "/api/v1/search", "/api/v1/flash-sales/*",
        "/actuator/health", "/actuator/health/**", "/actuator/info",
        "/v3/api-docs", "/v3/api-docs/**", "/.well-known/jwks.json",
        "/media/**", // product images kept by the local image storage
        // an order's invoice and credit notes: its customer (bearer token), staff, or a guest with the order's email
        // and token (checked by the invoicing module, which answers 404 to anyone else)
        "/api/v1/orders/*/invoice", "/api/v1/orders/*/credit-notes", "/api/v1/orders/*/credit-notes/*",
    };

    /** Authentication entry points (whoever calls them is not signed in yet) and what guests may post. */
    static final String[] PUBLIC_POST = {
        "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/login/2fa", "/api/v1/auth/refresh",
        "/api/v1/auth/password/forgot", "/api/v1/auth/password/reset", "/api/v1/auth/email/verify",
        "/api/v1/orders", "/api/v1/orders/lookup", // guest checkout and a guest's order (number + email + token)
        "/api/v1/payments", // a guest pays with the order's email and token; a signed-in customer with the bearer token
        "/api/v1/webhooks/*", // payment providers: every delivery is checked by its signature instead
    };

    /** Money going back, and the providers' books: finance and administrators only. */
    static final String[] FINANCE_PATHS = {"/api/v1/payments/*/refunds", "/api/v1/payments/*/refunds/**",
        "/api/v1/admin/payments/**",
        // the payments report and the queue of payments needing a person (issue 15)
        "/api/v1/admin/reports/payments", "/api/v1/admin/reports/payments.csv", "/api/v1/admin/reports/payments/**"};

    /** Operations reports a seller reads for its own merchant (the reporting module scopes them); staff read all. */
    static final String[] SELLER_REPORTS = {"/api/v1/admin/reports/inventory/**", "/api/v1/admin/reports/flash-sales",
        "/api/v1/admin/reports/flash-sales.csv", "/api/v1/admin/reports/flash-sales/**"};

    /** The sales reports are money: finance reads them too (rebuilding them is for administrators). */
    static final String[] SALES_REPORTS = {"/api/v1/admin/reports/sales", "/api/v1/admin/reports/sales.csv",
        "/api/v1/admin/reports/sales/**"};

    /** The payment sandbox's pay page (404 unless the sandbox is enabled, which only the local run does). */
    static final String[] SANDBOX = {"/api/v1/sandbox/payments/**"};

    /** Carts: guests have one too (behind a cart token); a bearer token, when sent, must be valid. */
    static final String[] PUBLIC_ANY_METHOD = {"/api/v1/cart", "/api/v1/cart/**"};

    /** Public routes that take a customer's token when one is sent (guests call them without one). */
    static final String[] OPTIONAL_CALLER = {"/api/v1/cart", "/api/v1/cart/**", "/api/v1/orders", "/api/v1/payments",
        "/api/v1/orders/*/invoice", "/api/v1/orders/*/credit-notes", "/api/v1/orders/*/credit-notes/*"};

    /** Swagger UI: its page, scripts and styles (its configuration, /v3/api-docs/swagger-config, is a public API read). */
    private static final String[] DOCS_UI = {"/api-docs", "/api-docs/**", "/webjars/**", "/swagger-ui/**"};

    /** The security headers of every API response (no caching, no sniffing, no framing, no referrer, nothing loads). */
    static final SecurityHeaders API_HEADERS = SecurityHeaders.forApi("default-src 'none'; frame-ancestors 'none'",
            ReferrerPolicy.NO_REFERRER.getPolicy(), java.time.Duration.ofDays(365), true);

    private static final String[] STAFF = {"ADMIN", "SUPER_ADMIN"};

    /** The access table of the API chain, first match wins (see {@link AccessRules}). */
    static final AccessRules ACCESS = AccessRules.builder()
            .permit(HttpMethod.OPTIONS, "/**")
            .permit(HttpMethod.GET, PUBLIC_GET)
            .permit(HttpMethod.HEAD, PUBLIC_GET)
            .permit(HttpMethod.POST, PUBLIC_POST)
            .authenticated(HttpMethod.POST, "/api/v1/cart/merge")
            .permit(null, PUBLIC_ANY_METHOD)
            .permit(null, SANDBOX)
            .roles(FINANCE_PATHS, "FINANCE", "ADMIN", "SUPER_ADMIN")
            .roles(new String[] {"/api/v1/admin/reports/sales/rebuild"}, STAFF)
            .roles(SALES_REPORTS, "FINANCE", "ADMIN", "SUPER_ADMIN")
            .roles(SELLER_REPORTS, "SELLER", "ADMIN", "SUPER_ADMIN")
            .roles(new String[] {"/api/v1/admin/**"}, STAFF)
            .roles(new String[] {"/api/v1/merchants/**"}, "SELLER", "ADMIN", "SUPER_ADMIN")
            .roles(new String[] {"/api/v1/fulfilment/**"}, "FULFILMENT", "ADMIN", "SUPER_ADMIN")
            .otherwiseAuthenticated();

    /** Swagger UI needs its own scripts and styles, so it gets a looser (but still same-origin) policy. */
    @Bean
    @Order(1)
    SecurityWebFilterChain docsUiSecurity(ServerHttpSecurity http) {
        return http.securityMatcher(AccessRules.matcher(HttpMethod.GET, DOCS_UI))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // Nothing to remember between requests: left on, the request cache would make a WebSession per
                // page, and its store answers on the parallel scheduler, where the UI's files may not be read.
                .requestCache(cache -> cache.disable())
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
                .authorizeExchange(auth -> auth.anyExchange().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ProblemResponses problems,
            ReactiveJwtDecoder accessTokenDecoder) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> problems.write(exchange,
                HttpStatus.UNAUTHORIZED, "unauthorized", "A valid access token is required", List.of());
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "forbidden", "You may not do this", List.of());
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // stateless API: no cookies carry authority
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                // Stateless: the caller is the bearer token of each request. Left at its default, the security
                // context would be looked up in a WebSession, which makes one per request (a random id drawn
                // on the bounded-elastic scheduler, answered on the parallel one: two thread hops per request).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> { })
                // Spring Security's default headers plus the API's content and referrer policies, in one pass.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new HttpHeaderWriterWebFilter(API_HEADERS), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                // What authorizeExchange(anyExchange().access(ACCESS)) and exceptionHandling(...) would add, with
                // the access table as its own filter (AccessRules.filter): 401 for no caller, 403 for the wrong one,
                // also for an AccessDeniedException from a handler further down.
                .addFilterAt(exceptionTranslation(unauthorized, forbidden), SecurityWebFiltersOrder.EXCEPTION_TRANSLATION)
                .addFilterAt(ACCESS.filter(), SecurityWebFiltersOrder.AUTHORIZATION)
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtDecoder(accessTokenDecoder).jwtAuthenticationConverter(SecurityConfig::authentication))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    private static ExceptionTranslationWebFilter exceptionTranslation(ServerAuthenticationEntryPoint unauthorized,
            ServerAccessDeniedHandler forbidden) {
        ExceptionTranslationWebFilter translation = new ExceptionTranslationWebFilter();
        translation.setAuthenticationEntryPoint(unauthorized);
        translation.setAccessDeniedHandler(forbidden);
        return translation;
    }

    /**
     * Accepts only RS256 tokens signed by one of our published keys (matched by {@code kid}), with our
     * issuer and audience, inside their validity window, whose session has not been revoked.
     * <p>
     * A token that passed these checks is kept, verified, until it expires ({@link VerifiedTokens}): a
     * client sends the same token with every request for its whole lifetime, and the signature check and
     * JSON parsing are most of the cost of a signed-in request. The revocation check is not cached with it:
     * it runs on every request ({@link RevokedSessions} answers from memory, told of revocations at once).
     */
    @Bean
    ReactiveJwtDecoder accessTokenDecoder(JwtKeys keys, JwtProperties properties, RevokedSessions revoked) {
        return accessTokenDecoder(keys, properties, revoked::isRevoked);
    }

    static ReactiveJwtDecoder accessTokenDecoder(JwtKeys keys, JwtProperties properties,
            java.util.function.Function<String, Mono<Boolean>> isRevoked) {
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.fromIterable(keys.publicKeys().getKeys())
                        .filter(key -> key.getKeyID() != null && key.getKeyID().equals(jwt.getHeader().getKeyID())))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(properties.audience())),
                new JwtClaimValidator<String>(Principals.SESSION, session -> session != null && !session.isBlank())));
        VerifiedTokens verified = new VerifiedTokens(nimbus, properties.verifiedTokenCacheSize());
        return token -> verified.decode(token).flatMap(jwt -> isRevoked.apply(jwt.getClaimAsString(Principals.SESSION))
                .flatMap(revoked -> revoked
                        ? Mono.error(new BadJwtException("The session of this token has ended"))
                        : Mono.just(jwt)));
    }

    /**
     * Spring Security observes every request a second time, as a span per filter-chain phase inside the
     * request's own span, with a timer ({@code spring.security.filterchains}) per phase, and each access
     * decision as a third ({@code spring.security.authorizations}). The request is already timed and traced
     * as a whole ({@code http.server.requests}, whose status tells 401 and 403 apart), the decision is a
     * table look-up of a microsecond, and those observations cost more than the rest of the chain put
     * together. Bearer-token authentications stay observed ({@code spring.security.authentications}).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .shouldObserveAuthorizations(false)
                .build();
    }

    /** The role claim becomes the one authority {@code ROLE_<ROLE>}. */
    private static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
        String role = jwt.getClaimAsString(Principals.ROLE);
        List<GrantedAuthority> authorities = role == null ? List.of()
                : List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(java.util.Locale.ROOT)));
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(WebProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match",
                "X-Request-Id", "X-Cart-Token"));
        cors.setExposedHeaders(List.of("ETag", "X-Request-Id", "Location", "X-Cart-Token", "Idempotent-Replayed",
                "Retry-After"));
        cors.setMaxAge(properties.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /** Spring Security's strict firewall, with its header checks as a loop instead of regular expressions. */
    @Bean
    org.springframework.security.web.server.firewall.ServerWebExchangeFirewall firewall() {
        return FirewallCharacters.firewall();
    }

    /**
     * Requests the firewall refuses (encoded slashes or dots, odd methods...) get the same problem body
     * as every other rejection instead of an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler problemRejectedHandler(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "rejected_request",
                "This request is not allowed: " + rejected.getMessage(), List.of());
    }

    /**
     * Spring Security's proxy becomes {@link SecurityChains}: the same chains, firewall and rejection handler,
     * with the chain of a request chosen as its matchers answer instead of through a reactive pipeline per
     * request, and the chosen chain's filters run as a {@link FilterSequence} (Spring's default chain decorator
     * builds a linked chain of WebFlux's {@code DefaultWebFilterChain} per request, with a checkpoint operator
     * around each of its ten filters). Request observations are off ({@link #securityObservations()}), so the
     * decorator replaced is that plain default, not an observing one.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor securityChainsChosenAtOnce() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof WebFilterChainProxy proxy && !(bean instanceof SecurityChains)
                        ? SecurityChains.replacing(proxy) : bean;
            }
        };
    }

    /** Never used for logins: it only stops Spring Boot from creating a default in-memory user. */
    @Bean
    org.springframework.security.core.userdetails.ReactiveUserDetailsService noUsers() {
        return username -> Mono.empty();
    }
}
