package dev.surge.platform.web;

import dev.surge.platform.crypto.Sha256;
import java.util.HexFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON responses with a strong {@code ETag} taken from the exact bytes sent, answering
 * {@code 304 Not Modified} when the client's {@code If-None-Match} still matches. The body is
 * serialised once: the bytes hashed are the bytes written.
 */
@Component
public class ConditionalResponses {

    private final JsonMapper json;

    ConditionalResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<ServerResponse> ok(ServerRequest request, Object body, CacheControl cacheControl) {
        return okJson(request, json.writeValueAsBytes(body), cacheControl);
    }

    /** For bodies that are already JSON, such as a cached document. */
    public Mono<ServerResponse> okJson(ServerRequest request, byte[] body, CacheControl cacheControl) {
        return okJson(request, body, etag(body), cacheControl);
    }

    /** For bodies that are already JSON and whose {@link #etag} was taken when they were made. */
    public Mono<ServerResponse> okJson(ServerRequest request, byte[] body, String etag, CacheControl cacheControl) {
        return request.checkNotModified(etag)
                .switchIfEmpty(Mono.fromSupplier(() -> JsonResponse.ofJson(HttpStatus.OK, body)
                        .header(HttpHeaders.ETAG, etag)
                        .header(HttpHeaders.CACHE_CONTROL, cacheControl.getHeaderValue())));
    }

    /** The quoted strong entity tag of these bytes (their SHA-256, first 16 bytes in hex). */
    public static String etag(byte[] body) {
        return "\"" + fingerprint(body) + "\"";
    }

    static String fingerprint(byte[] body) {
        return HexFormat.of().formatHex(Sha256.of(body), 0, 16);
    }
}
