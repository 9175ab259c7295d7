package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The sandbox's pay page over HTTP: HTML to browsers, JSON to API clients, the form's post and its answers. */
class SandboxPayPageIntegrationTests extends IntegrationTest {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @SuppressWarnings("unchecked")
    private Map<String, Object> guestPayment(Map<String, Object> order) {
        PaymentFixtures fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
        return fixtures.createPayment(null, Map.of("orderId", order.get("id"), "email", order.get("email"),
                        "token", order.get("guestAccessToken")))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<String, Object> order() {
        PaymentFixtures fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
        return fixtures.order(null, fixtures.variant(5, 1_999, "USD"), 1);
    }

    private String page(String reference) {
        return http.get().uri("/api/v1/sandbox/payments/" + reference).header("Accept", BROWSER_ACCEPT).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectHeader().valueEquals("Referrer-Policy", "same-origin")
                .expectHeader().valueMatches("Content-Security-Policy",
                        "default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String status(String reference) {
        return (String) http.get().uri("/api/v1/sandbox/payments/" + reference).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(Map.class).returnResult().getResponseBody().get("status");
    }

    @Test
    void aBrowserGetsThePageAnApiClientTheJson() {
        Map<String, Object> order = order();
        String reference = (String) guestPayment(order).get("providerReference");

        String html = page(reference);
        assertThat(html).contains("Order " + order.get("number"), "id=\"pay\"", "id=\"fail\"",
                "action=\"/api/v1/sandbox/payments/" + reference + "/complete\"");
        assertThat(html).doesNotContain("<script");
        assertThat(status(reference)).isEqualTo("PENDING");
    }

    @Test
    void failingOnThePageSendsTheShopperBackToItAndTheOtherWayIsThenRefused() {
        Map<String, Object> order = order();
        String reference = (String) guestPayment(order).get("providerReference");

        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete")
                .body(BodyInserters.fromFormData("outcome", "FAIL")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/api/v1/sandbox/payments/" + reference);
        assertThat(page(reference)).contains("Payment failed").doesNotContain("id=\"pay\"");
        assertThat(status(reference)).isEqualTo("FAILED");

        // Pay from a stale tab: nothing changes, the page tells how it ended.
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete")
                .body(BodyInserters.fromFormData("outcome", "SUCCEED")).exchange()
                .expectStatus().isSeeOther();
        assertThat(status(reference)).isEqualTo("FAILED");
        http.post().uri("/api/v1/orders/lookup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", order.get("number"), "email", order.get("email"),
                        "token", order.get("guestAccessToken")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void badFormsAndUnknownReferencesAreProblemsThatChangeNothing() {
        String reference = (String) guestPayment(order()).get("providerReference");

        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete")
                .body(BodyInserters.fromFormData("outcome", "STEAL")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("").exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("outcome=%ZZ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("malformed_form");
        assertThat(status(reference)).isEqualTo("PENDING");

        String unknown = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        http.get().uri("/api/v1/sandbox/payments/" + unknown).header("Accept", BROWSER_ACCEPT).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/sandbox/payments/" + unknown + "/complete")
                .body(BodyInserters.fromFormData("outcome", "SUCCEED")).exchange()
                .expectStatus().isNotFound();
    }
}
