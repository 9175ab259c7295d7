package dev.surge.platform.security;

import dev.surge.platform.web.ProblemResponses;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/prometheus} is not for the internet: the metrics name every route, pool and job. It answers a
 * request that came in on the separate management port ({@code management.server.port}, which an operator keeps
 * on the internal network), or one that carries the scrape token ({@link MetricsProperties}); anyone else gets
 * 401. Health and info stay public (probes and load balancers read them without credentials).
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurity {

    static final String PATH = "/actuator/prometheus";

    @Bean
    @Order(0)
    SecurityWebFilterChain metricsSecurityChain(ServerHttpSecurity http, ProblemResponses problems,
            MetricsProperties properties, Environment environment) {
        byte[] token = properties.scrapeToken().getBytes(StandardCharsets.UTF_8);
        // Synchronous (built once), as every chain's matcher: Spring's pathMatchers run an Or matcher through a
        // reactive pipeline on every request of every chain after this one.
        return http.securityMatcher(AccessRules.matcher(null, PATH, PATH + "/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new HttpHeaderWriterWebFilter(SecurityConfig.API_HEADERS),
                        SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                .authorizeExchange(auth -> auth.anyExchange().access((authentication, context) -> {
                    ServerHttpRequest request = context.getExchange().getRequest();
                    return Mono.just(new AuthorizationDecision(onManagementPort(request, environment)
                            || carriesToken(request, token)));
                }))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((exchange, e) -> {
                    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"metrics\"");
                    return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                            "Metrics need the scrape token, or the management port", List.of());
                }))
                .build();
    }

    /**
     * The request reached a separate management server (its port is known once it listens; it may be random). Without
     * one, Spring Boot makes {@code local.management.port} an alias of {@code local.server.port}: the API port is
     * never taken for the management port.
     */
    static boolean onManagementPort(ServerHttpRequest request, Environment environment) {
        Integer port = environment.getProperty("local.management.port", Integer.class);
        Integer apiPort = environment.getProperty("local.server.port", Integer.class);
        InetSocketAddress local = request.getLocalAddress();
        return port != null && port > 0 && !port.equals(apiPort) && local != null && local.getPort() == port;
    }

    /** {@code Bearer <token>}, or HTTP Basic whose password is the token; never when no token is configured. */
    static boolean carriesToken(ServerHttpRequest request, byte[] token) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (token.length == 0 || authorization == null) {
            return false;
        }
        String sent = null;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            sent = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                sent = colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token);
    }
}
