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
        ProblemBody body = new ProblemBody(TYPE_PREFIX + code, title(status), status.value(), detail,
                exchange.getRequest().getPath().value(), code, RequestIds.of(exchange), Instant.now().toString(),
                errors);
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        headers.remove(HttpHeaders.ETAG);
        headers.setCacheControl("no-store");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
