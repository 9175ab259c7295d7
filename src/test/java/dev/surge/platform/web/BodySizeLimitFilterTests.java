package dev.surge.platform.web;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import org.springframework.web.server.handler.FilteringWebHandler;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** The size limit on bodies that announce their length and on streamed (chunked) bodies that do not. */
class BodySizeLimitFilterTests {

    private static final int LIMIT = 1024;

    private final BodySizeLimitFilter filter = new BodySizeLimitFilter(new WebProperties(DataSize.ofBytes(LIMIT), null,
            new WebProperties.Cors(List.of(), Duration.ofMinutes(1))),
            List.of(new RouteBodyLimit(HttpMethod.POST, "/uploads/{id}/large", DataSize.ofBytes(4 * LIMIT))));
    private final WebTestClient http = WebTestClient.bindToWebHandler(new ExceptionHandlingWebHandler(
                    new FilteringWebHandler(RouterFunctions.toWebHandler(route()
                            .POST("/upload", request -> request.bodyToMono(byte[].class)
                                    .flatMap(body -> ServerResponse.ok().bodyValue(body.length)))
                            .POST("/uploads/{id}/large", request -> request.bodyToMono(byte[].class)
                                    .flatMap(body -> ServerResponse.ok().bodyValue(body.length)))
                            .build()), List.of(filter)),
                    List.of(new ProblemExceptionHandler(new ProblemResponses(JsonMapper.builder().build())))))
            .build();

    @Test
    void bodyWithinTheLimitPasses() {
        http.post().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[LIMIT]).exchange()
                .expectStatus().isOk().expectBody(Integer.class).isEqualTo(LIMIT);
    }

    @Test
    void declaredOversizedBodyIsRefusedBeforeReading() {
        http.post().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[LIMIT + 1]).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");
    }

    @Test
    void streamedOversizedBodyIsRefusedWhileReading() {
        Flux<DataBuffer> chunks = Flux.range(0, 8)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[LIMIT / 4]));
        http.post().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");
    }

    @Test
    void aRouteWithItsOwnLimitTakesLargerBodiesUpToThatLimit() {
        http.post().uri("/uploads/7/large").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[4 * LIMIT]).exchange()
                .expectStatus().isOk().expectBody(Integer.class).isEqualTo(4 * LIMIT);
        http.post().uri("/uploads/7/large").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[4 * LIMIT + 1]).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        http.post().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[2 * LIMIT]).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }
}
