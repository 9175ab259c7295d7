package dev.surge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** What an operator relies on: probes that check the real dependencies, and Prometheus metrics. */
class OperationsIntegrationTests extends IntegrationTest {

    @Test
    void readinessChecksPostgresAndRedisAndHealthShowsKafka() {
        // Kafka is not in readiness: requests never wait for it (outbox); KafkaOutageFaultIntegrationTests.
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP")
                .jsonPath("$.components.kafka").doesNotExist();
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void infoNamesTheRunningBuild() {
        http.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.build.artifact").isEqualTo("surge")
                .jsonPath("$.build.version").isNotEmpty()
                .jsonPath("$.build.time").isNotEmpty();
    }

    @Test
    void prometheusShowsHttpMetrics() {
        http.get().uri("/api/v1/categories").exchange().expectStatus().isOk();
        // A request's timer is recorded when its exchange completes, which can be just after the client has
        // read the answer: the scrape is retried for a moment rather than racing it.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(200)).untilAsserted(() -> {
                    String metrics = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                            .build().get().uri("/actuator/prometheus").header("Authorization", "Bearer test-scrape-token")
                            .exchange().expectStatus().isOk()
                            .expectBody(String.class).returnResult().getResponseBody();
                    assertThat(metrics).contains("http_server_requests_seconds_count").contains("uri=\"/api/v1/categories\"")
                            .contains("http_server_requests_seconds_bucket").contains("r2dbc_pool")
                            .contains("surge_outbox_parked").contains("http_server_requests_active_seconds")
                            .doesNotContain("http_server_requests_active_seconds_bucket");
                });
    }

    /** The metrics are not for the internet: only a scraper with the token reads them on the API port. */
    @Test
    void prometheusNeedsTheScrapeToken() {
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"metrics\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        http.get().uri("/actuator/prometheus").header("Authorization", "Bearer wrong-token").exchange()
                .expectStatus().isUnauthorized();
        http.head().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        // Prometheus's basic_auth: any user name, the token as password.
        http.get().uri("/actuator/prometheus").headers(headers -> headers.setBasicAuth("prometheus", "test-scrape-token"))
                .exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").headers(headers -> headers.setBasicAuth("prometheus", "wrong"))
                .exchange().expectStatus().isUnauthorized();
        // Health and info stay public for probes.
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/info").exchange().expectStatus().isOk();
    }
}
