package dev.surge.platform.idempotency;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.persistence.Ids;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Test-only routes behind {@link Idempotency} (profile {@code test}, picked up by the application's component
 * scan, so the shared test context serves them): {@code POST /test/idempotency/things} records each time its
 * handler runs in {@code idempotency_test_things} (created by {@link IdempotencyIntegrationTests}) and answers
 * 201. Headers steer it without changing the fingerprint: {@code X-Test-Outcome} picks another answer,
 * {@code X-Test-Delay-Ms} makes it slow. Anonymous callers are let in (and named by {@code X-Guest}) so that the
 * guest scope can be tried; bearer tokens are checked as everywhere.
 */
@Configuration(proxyBeanMethods = false)
@Profile("test")
class IdempotencyTestRoutes {

    static final String PATH = "/test/idempotency/things";

    record ThingRequest(String name) {
    }

    record Thing(UUID id, String name, String outcome) {
    }

    @Bean
    RouterFunction<ServerResponse> idempotencyTestThings(Idempotency idempotency, DatabaseClient db) {
        return SpringdocRouteBuilder.route()
                .POST(PATH, idempotency.required(Idempotency.callerOr(request -> request.headers().firstHeader("X-Guest")))
                        .apply(request -> create(request, db)),
                        ops -> Idempotency.describe(ops.operationId("idempotencyTestThing")
                                .summary("Test profile only: creates a thing under an Idempotency-Key"), true))
                .POST(PATH + "/optional", idempotency.optional(Idempotency.caller()).apply(request -> create(request, db)),
                        ops -> Idempotency.describe(ops.operationId("idempotencyTestThingOptional")
                                .summary("Test profile only: creates a thing, Idempotency-Key optional"), false))
                .build();
    }

    private static Mono<ServerResponse> create(ServerRequest request, DatabaseClient db) {
        String outcome = request.headers().firstHeader("X-Test-Outcome");
        String outcomeName = outcome == null ? "created" : outcome;
        long delay = Long.parseLong(request.headers().header("X-Test-Delay-Ms").stream().findFirst().orElse("0"));
        UUID id = Ids.newId();
        return request.bodyToMono(ThingRequest.class)
                .flatMap(body -> db.sql("INSERT INTO idempotency_test_things (id, name, outcome) VALUES (:id, :name, :outcome)")
                        .bind("id", id).bind("name", body.name()).bind("outcome", outcomeName)
                        .fetch().rowsUpdated().thenReturn(body))
                .delayUntil(body -> Mono.delay(Duration.ofMillis(delay)))
                .flatMap(body -> switch (outcomeName) {
                    case "created" -> ServerResponse.created(URI.create(PATH + "/" + id))
                            .bodyValue(new Thing(id, body.name(), outcomeName));
                    case "no_content" -> ServerResponse.noContent().build();
                    case "thrown" -> Mono.error(new IllegalStateException("test handler failure"));
                    case "unavailable" -> ServerResponse.status(503).bodyValue(new Thing(id, body.name(), outcomeName));
                    case "conflict" -> Mono.error(new ConflictException("test_conflict", "Clashes with the test state"));
                    case "not_found" -> Mono.error(new NotFoundException("test_not_found", "No such test thing"));
                    case "invalid" -> Mono.error(new InvalidInputException("validation_failed", "Invalid test thing"));
                    default -> Mono.error(new IllegalArgumentException("unknown test outcome " + outcomeName));
                });
    }

    /** Lets anonymous callers reach the test routes; a bearer token, when sent, is validated and names the caller. */
    @Bean
    @Order(0)
    SecurityWebFilterChain idempotencyTestSecurity(ServerHttpSecurity http, ReactiveJwtDecoder accessTokenDecoder) {
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/test/idempotency/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                .authorizeExchange(auth -> auth.anyExchange().permitAll())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtDecoder(accessTokenDecoder)))
                .build();
    }
}
