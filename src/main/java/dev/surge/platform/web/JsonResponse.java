package dev.surge.platform.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON answer serialised by the application's {@link JsonMapper} and written to the exchange as it is: the
 * same status, headers, cookies and bytes as {@code ServerResponse.status(s).header(...).bodyValue(body)}, for
 * the routes a storefront calls on most pages (the cart, product pages) and the public key set.
 * <p>
 * What the builder does on top, per response: it copies its headers twice (builder, then entity, then the
 * exchange's response; each copy of Spring Framework 7's {@code HttpHeaders} builds a case-insensitive set of
 * the names first), then looks for the message writer of the body's type among all the codecs, resolves its
 * generic type and makes a Jackson writer for it. Together that was 6-9 % of a cart read's CPU.
 */
public final class JsonResponse implements ServerResponse {

    private final HttpStatusCode status;
    private final byte[] body;
    /** Name, value, name, value... in the order set; each name set once. */
    private final List<String> headers = new ArrayList<>(4);
    private final MultiValueMap<String, ResponseCookie> cookies = new LinkedMultiValueMap<>(2);

    private JsonResponse(HttpStatusCode status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    /** {@code body} as JSON, with {@code status}. */
    public static JsonResponse of(JsonMapper json, HttpStatusCode status, Object body) {
        return new JsonResponse(status, json.writeValueAsBytes(body));
    }

    /** {@code json}, already serialised (a cached page, a fixed document), with {@code status}. */
    public static JsonResponse ofJson(HttpStatusCode status, byte[] json) {
        return new JsonResponse(status, json);
    }

    /** Sets the header {@code name} (replacing any value the response already had for it). */
    public JsonResponse header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    public JsonResponse cookie(ResponseCookie cookie) {
        cookies.add(cookie.getName(), cookie);
        return this;
    }

    @Override
    public HttpStatusCode statusCode() {
        return status;
    }

    /** The headers set on this answer (as the builder's, without the content type the body's writer adds). */
    @Override
    public HttpHeaders headers() {
        HttpHeaders all = new HttpHeaders();
        for (int i = 0; i < headers.size(); i += 2) {
            all.set(headers.get(i), headers.get(i + 1));
        }
        return HttpHeaders.readOnlyHttpHeaders(all);
    }

    @Override
    public MultiValueMap<String, ResponseCookie> cookies() {
        return CollectionUtils.unmodifiableMultiValueMap(cookies);
    }

    @Override
    public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        HttpHeaders target = response.getHeaders();
        target.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        for (int i = 0; i < headers.size(); i += 2) {
            target.set(headers.get(i), headers.get(i + 1));
        }
        target.setContentLength(body.length);
        for (List<ResponseCookie> named : cookies.values()) {
            named.forEach(response::addCookie);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
