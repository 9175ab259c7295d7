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

/**
 * How a dependency that is unavailable reaches the client: 503 problem+json with its Retry-After; and a client that
 * hung up is not an error (issue 19: a load test's end left an ERROR with a stack trace per open request).
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
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

    /** A Redis Cluster master stopped under a command (issue 20): an outage like a timeout, never a 500. */
    @Test
    void aRedisConnectionResetUnderACommandIsAnOutageNotABug() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/flash-sales"));

        StepVerifier.create(handler.handle(exchange, new org.springframework.data.redis.RedisSystemException(
                "recvAddress(..) failed: Connection reset by peer", new java.io.IOException("Connection reset by peer"))))
                .expectComplete().verify(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"service_unavailable\"");

        MockServerWebExchange other = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/flash-sales"));
        StepVerifier.create(handler.handle(other, new org.springframework.data.redis.RedisSystemException(
                "ERR unknown command", new IllegalStateException("a bug, not an outage"))))
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(other.getResponse().getStatusCode().value()).isEqualTo(500);
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

    /** Our connection to the client closed under the answer: nothing to answer, and nothing logged above DEBUG. */
    @Test
    void aClientThatHungUpIsNotAnError(org.springframework.boot.test.system.CapturedOutput output) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/products"));

        StepVerifier.create(handler.handle(exchange, new reactor.netty.channel.AbortedException("Connection has been closed")))
                .expectComplete().verify(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().isCommitted()).isFalse();   // nothing answered
        // Logged by the handler at DEBUG only ("the client disconnected"), never as "Unhandled error" (ERROR).
        assertThat(output).doesNotContain("Unhandled error");
    }

    /** A reset once the answer has started is the client leaving too (the same disconnect, seen another way). */
    @Test
    void aResetAfterTheAnswerStartedIsTheClientLeaving(org.springframework.boot.test.system.CapturedOutput output) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/products"));
        exchange.getResponse().setComplete().block(Duration.ofSeconds(5));

        StepVerifier.create(handler.handle(exchange, new java.io.IOException("Connection reset by peer")))
                .expectComplete().verify(Duration.ofSeconds(5));

        assertThat(output).doesNotContain("Unhandled error");
    }

    /** The same reset from a service we call, before anything was sent, is ours: a 500, logged. */
    @Test
    void aResetBeforeAnythingWasSentIsOurError(org.springframework.boot.test.system.CapturedOutput output) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/products"));

        StepVerifier.create(handler.handle(exchange, new java.io.IOException("Connection reset by peer")))
                .expectComplete().verify(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(output).contains("Unhandled error");
    }
}
