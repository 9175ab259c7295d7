package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Who reads /actuator/prometheus: the scrape token's forms, and the management port told apart from the API port. */
class MetricsSecurityTests {

    private static final byte[] TOKEN = "s3cret-token".getBytes(StandardCharsets.UTF_8);

    private static MockServerHttpRequest scrape(String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/actuator/prometheus");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.build();
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTokenAsBearerOrAsBasicPasswordOpensTheMetrics() {
        assertThat(MetricsSecurity.carriesToken(scrape("Bearer s3cret-token"), TOKEN)).isTrue();
        assertThat(MetricsSecurity.carriesToken(scrape("bearer s3cret-token"), TOKEN)).isTrue();
        assertThat(MetricsSecurity.carriesToken(scrape(basic("prometheus", "s3cret-token")), TOKEN)).isTrue();
        assertThat(MetricsSecurity.carriesToken(scrape(basic("anyone", "s3cret-token")), TOKEN)).isTrue();

        assertThat(MetricsSecurity.carriesToken(scrape(null), TOKEN)).isFalse();
        assertThat(MetricsSecurity.carriesToken(scrape("Bearer s3cret-toke"), TOKEN)).isFalse();
        assertThat(MetricsSecurity.carriesToken(scrape(basic("s3cret-token", "")), TOKEN)).isFalse();
        assertThat(MetricsSecurity.carriesToken(scrape("Basic !!!not-base64"), TOKEN)).isFalse();
        assertThat(MetricsSecurity.carriesToken(scrape("Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))), TOKEN)).isFalse();
        assertThat(MetricsSecurity.carriesToken(scrape("Digest s3cret-token"), TOKEN)).isFalse();
    }

    @Test
    void noConfiguredTokenOpensNothing() {
        assertThat(MetricsSecurity.carriesToken(scrape("Bearer "), new byte[0])).isFalse();
        assertThat(MetricsSecurity.carriesToken(scrape(basic("prometheus", "")), new byte[0])).isFalse();
    }

    @Test
    void onlyASeparateManagementPortCounts() {
        MockServerHttpRequest onManagement = MockServerHttpRequest.get("/actuator/prometheus")
                .localAddress(new InetSocketAddress("127.0.0.1", 8081)).build();
        MockServerHttpRequest onApi = MockServerHttpRequest.get("/actuator/prometheus")
                .localAddress(new InetSocketAddress("127.0.0.1", 8080)).build();

        MockEnvironment separate = new MockEnvironment().withProperty("local.server.port", "8080")
                .withProperty("local.management.port", "8081");
        assertThat(MetricsSecurity.onManagementPort(onManagement, separate)).isTrue();
        assertThat(MetricsSecurity.onManagementPort(onApi, separate)).isFalse();

        // Without a management port, Spring Boot aliases local.management.port to the API port.
        MockEnvironment shared = new MockEnvironment().withProperty("local.server.port", "8080")
                .withProperty("local.management.port", "8080");
        assertThat(MetricsSecurity.onManagementPort(onApi, shared)).isFalse();
        assertThat(MetricsSecurity.onManagementPort(onApi, new MockEnvironment())).isFalse();
    }
}
