package dev.surge.payments.gateway;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.config.PaymentsProperties;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The non-blocking HTTP client of a gateway, and how provider answers become values or typed errors. */
public final class GatewayHttp {

    /** Largest provider answer read into memory: a Stripe list page of 100 PaymentIntents is a few hundred KB. */
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private GatewayHttp() {
    }

    /**
     * A WebClient on Reactor Netty for {@code baseUrl} with the connect and response timeouts of
     * {@code http}. {@code builder} is Spring Boot's (observations, codecs) in the application, a plain
     * one in tests; it is cloned, never changed.
     */
    public static WebClient webClient(WebClient.Builder builder, URI baseUrl, PaymentsProperties.Http http) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(http.connectTimeout().toMillis()))
                .responseTimeout(http.responseTimeout());
        WebClient.Builder configured = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(client))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES));
        if (baseUrl != null) {
            configured.baseUrl(baseUrl.toString());
        }
        return configured.build();
    }

    /**
     * A 4xx that means "no": the provider refused this request and would refuse it again. Two 4xx mean
     * "not now" instead and are left to the resilience layer, which reports the provider as unavailable
     * (never retried in place): 429, rate limited, and 409, which Stripe answers while an earlier request
     * with the same idempotency key is still in progress.
     */
    public static boolean isRefusal(HttpStatusCode status) {
        return status.is4xxClientError() && !isNotNow(status);
    }

    /** 409 or 429: the provider is busy with this request or with us; ask again later. */
    static boolean isNotNow(HttpStatusCode status) {
        return status.value() == 429 || status.value() == 409;
    }

    /**
     * Reads a refusal's body and turns it into {@link PaymentProviderRejected}, with the provider's code
     * and message as {@code details} finds them in its JSON (or none when the body is not JSON).
     *
     * @param details (status, parsed body or a missing node) → the exception
     */
    public static Mono<Throwable> refusal(ClientResponse response, JsonMapper json,
            BiFunction<Integer, JsonNode, PaymentProviderRejected> details) {
        int status = response.statusCode().value();
        return response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> details.apply(status, parse(json, bytes)));
    }

    /** The JSON body of a successful answer; a body that is not JSON is a provider fault (5xx-like). */
    public static Mono<JsonNode> body(WebClient.ResponseSpec response, JsonMapper json, String provider) {
        return response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .handle((bytes, sink) -> {
                    try {
                        sink.next(json.readTree(bytes));
                    } catch (JacksonException e) {
                        sink.error(new MalformedAnswer(provider, new String(bytes, 0, Math.min(bytes.length, 200),
                                StandardCharsets.UTF_8)));
                    }
                });
    }

    private static JsonNode parse(JsonMapper json, byte[] bytes) {
        try {
            return bytes.length == 0 ? json.missingNode() : json.readTree(bytes);
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    /**
     * A 2xx answer that is not the provider's JSON (a proxy's HTML page, a truncated body). Counted as a
     * failure of the provider, like a 5xx, but not retried: a create may have happened.
     */
    public static final class MalformedAnswer extends RuntimeException {

        public MalformedAnswer(String provider, String start) {
            super(provider + " answered something that is not JSON: " + start, null, false, false);
        }
    }
}
