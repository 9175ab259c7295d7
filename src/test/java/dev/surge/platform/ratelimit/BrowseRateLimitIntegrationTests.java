package dev.surge.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Listings and searches are limited per client address ({@code browse-ip}), cached pages included; a product's own
 * page is not. Every test request comes from 127.0.0.1, whose bucket this test empties and then restores.
 */
class BrowseRateLimitIntegrationTests extends IntegrationTest {

    @Autowired
    private LocalRateLimits limits;

    @Test
    void overTheLimitListingsAndSearchesAre429WithRetryAfterAndProductPagesAreNot() {
        // A first page, cached by the list cache, so that the refusal below is not only the handler's.
        http.get().uri("/api/v1/products?limit=5").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/products?limit=5").exchange().expectStatus().isOk();
        limits.exhaust(RateLimitProperties.BROWSE_IP, "127.0.0.1", Duration.ofMinutes(10));
        try {
            for (String uri : new String[] {"/api/v1/products?limit=5", "/api/v1/products?limit=5&cursor=x",
                    "/api/v1/search?q=lamp"}) {
                http.get().uri(uri).exchange()
                        .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                                assertThat(Long.parseLong(retryAfter)).isBetween(590L, 600L))
                        .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
            }
            // Not a listing: a product page, the categories, the featured strip.
            http.get().uri("/api/v1/products/no-such-product").exchange().expectStatus().isNotFound();
            http.get().uri("/api/v1/categories").exchange().expectStatus().isOk();
        } finally {
            limits.forget(RateLimitProperties.BROWSE_IP, "127.0.0.1");
        }
        http.get().uri("/api/v1/products?limit=5").exchange().expectStatus().isOk();
    }
}
