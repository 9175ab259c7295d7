package dev.surge.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client with a hard timeout, as a browser or a provider's webhook sender has, for the fault tests (test
 * threads, never an event loop): every call ends with an answer, a timeout ({@code status -2}) or a refused or
 * reset connection ({@code status -1}); it never waits longer than the timeout.
 */
public final class PlainHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final String baseUrl;
    private final Duration timeout;

    public PlainHttp(String baseUrl, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** An answer: its status (-1 no connection, -2 no answer within the timeout), headers and body. */
    public record Answer(int status, String contentType, String retryAfter, String body, Duration took) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, Map.class);
        }

        public String code() {
            Object code = json().get("code");
            return code == null ? null : code.toString();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " Retry-After=" + retryAfter + " in " + took.toMillis() + " ms: "
                    + (body == null ? "" : body.substring(0, Math.min(300, body.length())));
        }
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Answer post(String path, String token, Object body, Map<String, String> headers) {
        return send("POST", path, token, body instanceof String s ? s : JSON.writeValueAsString(body), headers);
    }

    public Answer send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        all.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), since(started));
        } catch (HttpTimeoutException e) {
            return new Answer(-2, null, null, e.toString(), since(started));
        } catch (IOException e) {
            return new Answer(-1, null, null, e.toString(), since(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, null, e.toString(), since(started));
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
