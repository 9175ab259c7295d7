package dev.surge.platform.idempotency;

import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * An answer as kept for replays: status, the headers in {@link #REPLAYED_HEADERS} and the exact body bytes.
 *
 * @param headers header name (as in {@link #REPLAYED_HEADERS}) to value
 */
record StoredResponse(int status, Map<String, String> headers, byte[] body) {

    /** Headers that describe the answer itself; the rest (cookies, cart tokens, request ids) are per exchange. */
    static final java.util.List<String> REPLAYED_HEADERS = java.util.List.of(
            "Content-Type", "Content-Language", "Location", "ETag", "Last-Modified", "Cache-Control");

    StoredResponse {
        headers = Map.copyOf(headers);
    }

    Mono<ServerResponse> replay() {
        ServerResponse.BodyBuilder answer = ServerResponse.status(HttpStatusCode.valueOf(status))
                .headers(h -> headers.forEach(h::set))
                .header(Idempotency.REPLAYED_HEADER, "true");
        return body.length == 0 ? answer.build() : answer.bodyValue(body);
    }
}
