package dev.surge.platform.web;

import dev.surge.platform.errors.FieldViolation;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 {@code application/problem+json} bodies with Surge's extension members: a stable
 * {@code code}, the {@code requestId}, a {@code timestamp} and field {@code errors[]}. The one writer
 * behind the exception handler and the security entry points, so every error looks the same.
 */
@Component
public class ProblemResponses {

    /** Problem types are URNs: stable identifiers that need no server to resolve. */
    static final String TYPE_PREFIX = "urn:surge:problem:";

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail,
            List<FieldViolation> errors) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] bytes = body(exchange, status, code, detail, errors);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        headers.remove(HttpHeaders.ETAG);
        headers.setCacheControl("no-store");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    /**
     * The status and problem body {@link ProblemExceptionHandler} would answer {@code error} with, as bytes, for
     * answers that are kept and replayed (idempotent requests). Headers are those of {@link #write}:
     * {@code application/problem+json}, {@code Cache-Control: no-store}.
     */
    public Rendered render(ServerWebExchange exchange, Throwable error) {
        ProblemExceptionHandler.Problem problem = ProblemExceptionHandler.toProblem(error);
        return new Rendered(problem.status(),
                body(exchange, problem.status(), problem.code(), problem.detail(), problem.errors()));
    }

    /** A problem answer: its status and body. */
    public record Rendered(HttpStatusCode status, byte[] body) {
    }

    private byte[] body(ServerWebExchange exchange, HttpStatusCode status, String code, String detail,
            List<FieldViolation> errors) {
        return json.writeValueAsBytes(new ProblemBody(TYPE_PREFIX + code, title(status), status.value(), detail,
                exchange.getRequest().getPath().value(), code, RequestIds.of(exchange), Instant.now().toString(),
                errors));
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
