package dev.surge.orders;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Checkout and payment calls are limited per signed-in account (and per address, raised in the test profile):
 * the production limits, 20 checkouts and 30 payment calls a minute, then 429 with {@code Retry-After}. Every
 * attempt counts, also one that is refused for its content, and another account is not held back.
 */
class MoneyPathRateLimitsIntegrationTests extends IntegrationTest {

    @Autowired
    AccessTokens accessTokens;

    @Test
    void theTwentyFirstCheckoutOfAnAccountWithinAMinuteIs429() {
        TestTokens tokens = new TestTokens(accessTokens);
        String buyer = tokens.customer(UUID.randomUUID());
        for (int i = 0; i < 20; i++) {
            checkout(buyer).expectStatus().isBadRequest(); // an empty order: refused, but counted
        }
        checkout(buyer).expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        checkout(tokens.customer(UUID.randomUUID())).expectStatus().isBadRequest();
    }

    @Test
    void theThirtyFirstPaymentCallOfAnAccountWithinAMinuteIs429() {
        TestTokens tokens = new TestTokens(accessTokens);
        String payer = tokens.customer(UUID.randomUUID());
        for (int i = 0; i < 15; i++) {
            pay(payer).expectStatus().isBadRequest();
            verify(payer).expectStatus().isNotFound(); // verify calls the provider too, so it counts alike
        }
        pay(payer).expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        verify(payer).expectStatus().isEqualTo(429);
        pay(tokens.customer(UUID.randomUUID())).expectStatus().isBadRequest();
    }

    private WebTestClient.ResponseSpec checkout(String token) {
        return http.post().uri("/api/v1/orders").headers(h -> {
            h.setBearerAuth(token);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange();
    }

    private WebTestClient.ResponseSpec pay(String token) {
        return http.post().uri("/api/v1/payments").headers(h -> {
            h.setBearerAuth(token);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("orderId", "not-a-uuid")).exchange();
    }

    private WebTestClient.ResponseSpec verify(String token) {
        return http.post().uri("/api/v1/payments/" + UUID.randomUUID() + "/verify").headers(h -> h.setBearerAuth(token))
                .exchange();
    }
}
