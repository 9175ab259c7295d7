package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.errors.ServiceUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How a dependency that is unavailable reaches the client: 503 problem+json with its Retry-After. */
class ProblemExceptionHandlerTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(new ProblemResponses(json));

    @Test
    void noConnectionForATransactionIsAnOutageNotABug() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/orders"));

        StepVerifier.create(handler.handle(exchange, new org.springframework.transaction.CannotCreateTransactionException(
                "Could not open R2DBC Connection for transaction", new IllegalStateException("too many clients already"))))
                .expectComplete().verify(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"service_unavailable\"");
    }

    @Test
    void serviceUnavailableAnswers503WithItsRetryAfterRoundedUp() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/payments"));

        StepVerifier.create(handler.handle(exchange, new ServiceUnavailableException("payment_provider_unavailable",
                "The payment provider stripe is not answering; try again shortly", Duration.ofMillis(29_001))))
                .expectComplete().verify(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)));
        assertThat(body.path("code").stringValue()).isEqualTo("payment_provider_unavailable");
        assertThat(body.path("status").intValue()).isEqualTo(503);
    }
}
