package dev.surge.identity;

import dev.surge.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The auth endpoints are rate limited per account (and per address, raised in the test profile). */
class AuthRateLimitIntegrationTests extends IntegrationTest {

    @Test
    void theEleventhRequestForOneAccountWithinAMinuteIs429() {
        String email = AuthClient.uniqueEmail();
        for (int i = 0; i < 10; i++) {
            forgot(email).expectStatus().isAccepted();
        }
        forgot(email).expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        // Sign-in attempts for that account are held back too, even with no account behind the address.
        http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(), "password", "whatever password")).exchange()
                .expectStatus().isEqualTo(429);
        forgot(AuthClient.uniqueEmail()).expectStatus().isAccepted();
    }

    private WebTestClient.ResponseSpec forgot(String email) {
        return http.post().uri("/api/v1/auth/password/forgot").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email)).exchange();
    }
}
