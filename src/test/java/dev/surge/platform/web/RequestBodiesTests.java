package dev.surge.platform.web;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import jakarta.validation.Validation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import java.util.List;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** JSON bodies through the real codecs, {@link RequestBodies} and the problem handler, without the whole app. */
class RequestBodiesTests {

    record Sample(@NotBlank String name, @Min(1) int quantity) {
    }

    private final RequestBodies bodies = new RequestBodies(Validation.buildDefaultValidatorFactory().getValidator());
    private final ProblemExceptionHandler problems = new ProblemExceptionHandler(new ProblemResponses(JsonMapper.builder().build()));
    private final WebTestClient http = WebTestClient.bindToWebHandler(new ExceptionHandlingWebHandler(
                    RouterFunctions.toWebHandler(route()
                            .POST("/samples", request -> bodies.read(request, Sample.class)
                                    .flatMap(sample -> ServerResponse.ok().bodyValue(sample)))
                            .build()),
                    List.of(problems)))
            .build();

    @Test
    void validBodyPasses() {
        post("{\"name\":\"lamp\",\"quantity\":2}").expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("lamp");
    }

    @Test
    void malformedJsonIsA400() {
        post("{\"name\":").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("malformed_json");
    }

    @Test
    void wrongTypeIsA400() {
        post("{\"name\":\"lamp\",\"quantity\":\"many\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("malformed_json");
    }

    @Test
    void missingBodyIsA400() {
        http.post().uri("/samples").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("body_required");
    }

    @Test
    void constraintViolationsAreListedPerField() {
        post("{\"name\":\" \",\"quantity\":0}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].code").isEqualTo("notblank")
                .jsonPath("$.errors[1].field").isEqualTo("quantity")
                .jsonPath("$.errors[1].code").isEqualTo("min");
    }

    @Test
    void unsupportedMediaTypeIsA415() {
        http.post().uri("/samples").contentType(MediaType.TEXT_PLAIN).bodyValue("name=lamp").exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.code").isEqualTo("unsupported_media_type");
    }

    private WebTestClient.ResponseSpec post(String json) {
        return http.post().uri("/samples").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
