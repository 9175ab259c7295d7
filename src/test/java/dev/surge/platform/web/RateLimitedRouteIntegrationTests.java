package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;

/**
 * A route guarded by the real limiter (Redis, test limit {@code test-http}: 2 per hour) answers the call
 * over the limit with a 429 problem that tells when to come back.
 */
class RateLimitedRouteIntegrationTests extends IntegrationTest {

    @Autowired
    private RateLimiter limiter;
    @Autowired
    private ProblemExceptionHandler problemHandler;

    @Test
    void overTheLimitIsA429ProblemWithRetryAfter() {
        String client = "http-" + UUID.randomUUID();
        WebTestClient guarded = WebTestClient.bindToWebHandler(new ExceptionHandlingWebHandler(
                RouterFunctions.toWebHandler(route()
                        .POST("/login", request -> limiter.consume("test-http", client)
                                .then(ServerResponse.noContent().build()))
                        .build()),
                List.of(problemHandler))).build();

        for (int i = 0; i < 2; i++) {
            guarded.post().uri("/login").exchange().expectStatus().isNoContent();
        }
        guarded.post().uri("/login").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                        // 2 per hour: the next token is 30 minutes away.
                        assertThat(Long.parseLong(retryAfter)).isBetween(1790L, 1800L))
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.code").isEqualTo("rate_limited");
    }
}
