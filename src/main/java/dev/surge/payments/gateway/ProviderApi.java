package dev.surge.payments.gateway;

import dev.surge.payments.PaymentProviderRejected;
import java.net.URI;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One provider's REST API as its gateway calls it: every request authenticated the provider's way, a 2xx
 * answer read as JSON (see {@link GatewayHttp#body}), a refusal turned into the provider's
 * {@link PaymentProviderRejected} (see {@link GatewayHttp#refusal}). Resilience is left to the caller.
 */
public final class ProviderApi {

    private final WebClient http;
    private final JsonMapper json;
    private final String provider;
    private final Consumer<HttpHeaders> authenticate;
    private final BiFunction<Integer, JsonNode, PaymentProviderRejected> rejected;

    /**
     * @param http         a client whose base URL is the provider's API (see {@link GatewayHttp#webClient})
     * @param authenticate sets the credentials (and any version header) on every request
     * @param rejected     (status, parsed error body or a missing node) → the provider's refusal
     */
    public ProviderApi(WebClient http, JsonMapper json, String provider, Consumer<HttpHeaders> authenticate,
            BiFunction<Integer, JsonNode, PaymentProviderRejected> rejected) {
        this.http = http;
        this.json = json;
        this.provider = provider;
        this.authenticate = authenticate;
        this.rejected = rejected;
    }

    public String provider() {
        return provider;
    }

    public JsonMapper json() {
        return json;
    }

    public Mono<JsonNode> get(Function<UriBuilder, URI> uri) {
        return read(http.get().uri(uri).headers(authenticate));
    }

    /** A POST of {@code body} as {@code contentType}; {@code headers} come after the credentials. */
    public Mono<JsonNode> post(String path, Consumer<HttpHeaders> headers, MediaType contentType,
            BodyInserter<?, ? super ClientHttpRequest> body) {
        return read(http.post().uri(path)
                .headers(authenticate.andThen(headers))
                .contentType(contentType)
                .body(body));
    }

    private Mono<JsonNode> read(WebClient.RequestHeadersSpec<?> request) {
        return GatewayHttp.body(request.retrieve()
                .onStatus(GatewayHttp::isRefusal, response -> GatewayHttp.refusal(response, json, rejected)), json, provider);
    }
}
