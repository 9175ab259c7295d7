package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import tools.jackson.databind.json.JsonMapper;

/** A {@link JsonResponse} writes what Spring's response builder writes for the same answer. */
class JsonResponseTests {

    private final JsonMapper json = JsonMapper.builder().build();

    record Line(String sku, int quantity, Long price) {
    }

    @Test
    void writesWhatTheBuilderWrites() {
        Object body = Map.of("items", List.of(new Line("SKU-1", 2, 1999L), new Line("SKU-2", 1, null)), "currency", "USD");
        ResponseCookie cookie = ResponseCookie.from("surge_cart", "token").httpOnly(true).secure(true).sameSite("Lax")
                .path("/api/v1").maxAge(Duration.ofDays(7)).build();
        ServerResponse ours = JsonResponse.of(json, HttpStatus.OK, body).header("Cache-Control", "no-store")
                .header("X-Cart-Token", "token").cookie(cookie);
        ServerResponse spring = ServerResponse.ok().header("Cache-Control", "no-store").header("X-Cart-Token", "token")
                .cookie(cookie).bodyValue(body).block();

        assertThat(written(ours)).isEqualTo(written(spring)).containsKeys("body", "Content-Length", "Set-Cookie");
        assertThat(ours.headers()).isEqualTo(spring.headers());
        assertThat(ours.cookies()).isEqualTo(spring.cookies());
        assertThat(ours.statusCode()).isEqualTo(spring.statusCode());
    }

    @Test
    void replacesAHeaderTheResponseAlreadyHad() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cart"));
        exchange.getResponse().getHeaders().set("Cache-Control", "max-age=60");
        JsonResponse.of(json, HttpStatus.CREATED, Map.of()).header("Cache-Control", "no-store")
                .writeTo(exchange, context()).block();
        assertThat(exchange.getResponse().getHeaders().get("Cache-Control")).containsExactly("no-store");
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private Map<String, String> written(ServerResponse response) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cart"));
        response.writeTo(exchange, context()).block();
        Map<String, String> all = new TreeMap<>();
        exchange.getResponse().getHeaders().forEach((name, values) -> all.put(name, String.join("|", values)));
        all.put("status", String.valueOf(exchange.getResponse().getStatusCode()));
        all.put("body", exchange.getResponse().getBodyAsString().block());
        return all;
    }

    private ServerResponse.Context context() {
        List<HttpMessageWriter<?>> writers = List.of(new EncoderHttpMessageWriter<>(new JacksonJsonEncoder(json)));
        return new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }
}
