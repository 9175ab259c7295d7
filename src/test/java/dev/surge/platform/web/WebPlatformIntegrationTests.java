package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The HTTP edge every module inherits: request ids, problem responses, size limits, security headers, CORS. */
@ExtendWith(OutputCaptureExtension.class)
class WebPlatformIntegrationTests extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("routerFunctionMapping")
    org.springframework.web.reactive.function.server.support.RouterFunctionMapping routerFunctions;

    @Test
    void requestsReachTheRoutesThroughOneDispatchOverEveryRouterBean() {
        assertThat(routerFunctions.getRouterFunction()).isInstanceOf(RouteDispatch.class);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.security.web.server.WebFilterChainProxy securityProxy;

    @Test
    void securityChainsAreChosenByOurProxy() {
        assertThat(securityProxy.getClass().getName()).isEqualTo("dev.surge.platform.security.SecurityChains");
    }

    @Test
    void requestIdIsAcceptedOrGeneratedAndEchoed() {
        http.get().uri("/api/v1/categories").header(RequestIds.HEADER, "client-id-123").exchange()
                .expectHeader().valueEquals(RequestIds.HEADER, "client-id-123");
        String generated = http.get().uri("/api/v1/categories").exchange()
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
        assertThat(generated).matches("[0-9a-f-]{36}");
        String replaced = http.get().uri("/api/v1/categories").header(RequestIds.HEADER, "bad id\twith spaces").exchange()
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
        assertThat(replaced).matches("[0-9a-f-]{36}");
    }

    @Test
    void logLinesWrittenWhileServingARequestNameIt(CapturedOutput output) {
        // A line from inside the reactive chain (context propagation) and one from the error handler. The list is
        // one no earlier test asked for (a price floor of its own): a first page another test cached is served by the
        // list cache, without the handler and its line.
        long floor = 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L);
        http.get().uri("/api/v1/products?limit=1&minPrice=" + floor).header(RequestIds.HEADER, "log-trace-4711").exchange()
                .expectStatus().isOk();
        http.get().uri("/api/v1/products?limit=abc").header(RequestIds.HEADER, "log-trace-4712").exchange()
                .expectStatus().isBadRequest();
        assertThat(output.getAll().lines().filter(line -> line.contains("Listed ")))
                .anySatisfy(line -> assertThat(line).contains("\"requestId\":\"log-trace-4711\""));
        assertThat(output.getAll().lines().filter(line -> line.contains("answered 400")))
                .anySatisfy(line -> assertThat(line).contains("\"requestId\":\"log-trace-4712\""));
    }

    @Test
    void problemsCarryCodeRequestIdTimestampAndFieldErrors() {
        http.get().uri("/api/v1/products?limit=100000&inStock=maybe&sort=cheapest&minPrice=-1").header(RequestIds.HEADER, "rid-1")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:surge:problem:validation_failed")
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.requestId").isEqualTo("rid-1")
                .jsonPath("$.timestamp").isNotEmpty()
                .jsonPath("$.instance").isEqualTo("/api/v1/products")
                .jsonPath("$.errors.length()").isEqualTo(4)
                .jsonPath("$.errors[?(@.field == 'limit')].code").isEqualTo("out_of_range")
                .jsonPath("$.errors[?(@.field == 'inStock')].code").isEqualTo("not_a_boolean")
                .jsonPath("$.errors[?(@.field == 'sort')].code").isEqualTo("not_allowed")
                .jsonPath("$.errors[?(@.field == 'minPrice')].code").isEqualTo("out_of_range");
    }

    @Test
    void repeatedOrOverlongParametersAreRejected() {
        http.get().uri("/api/v1/products?limit=1&limit=2").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("repeated");
        http.get().uri("/api/v1/products?cursor=" + "a".repeat(600)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("too_long");
    }

    @Test
    void bodiesOverTheLimitAre413EvenWhereNothingReadsThem() {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        unpooledHttp().post().uri("/api/v1/products").contentType(MediaType.APPLICATION_JSON).bodyValue(tenMegabytes).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large").jsonPath("$.requestId").isNotEmpty();
        unpooledHttp().method(org.springframework.http.HttpMethod.GET).uri("/api/v1/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tenMegabytes).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void nonPublicRoutesNeedAuthenticationAndSayItAsAProblem() {
        http.post().uri("/api/v1/products").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized").jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void responsesCarrySecurityHeaders() {
        http.get().uri("/api/v1/categories").exchange()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void corsAllowsConfiguredOriginsOnly() {
        http.options().uri("/api/v1/products")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000");
        http.options().uri("/api/v1/products")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET").exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void unknownPublicPathIsAProblemNotAnError() {
        http.get().uri("/api/v1/products/a/b/c").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }
}
