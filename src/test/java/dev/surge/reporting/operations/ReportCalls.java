package dev.surge.reporting.operations;

import dev.surge.platform.security.AccessTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls of the report tests: tokens for every role, the stock changes they script, the reports they read. */
final class ReportCalls {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final WebTestClient http;
    private final AccessTokens tokens;

    ReportCalls(WebTestClient http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    String token(UUID user, String role, UUID merchant) {
        return tokens.issue(user, UUID.randomUUID(), role, merchant).block().value();
    }

    String admin(UUID user) {
        return token(user, "ADMIN", null);
    }

    String seller(UUID merchant) {
        return token(UUID.randomUUID(), "SELLER", merchant);
    }

    String customer(UUID user) {
        return token(user, "CUSTOMER", null);
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        });
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> get(String path, String token) {
        return call(HttpMethod.GET, path, token, null).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    String csv(String path, String token) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
    }

    void adjust(UUID variant, int delta, String reason, String admin) {
        call(HttpMethod.POST, "/api/v1/admin/inventory/" + variant + "/adjustments", admin,
                Map.of("delta", delta, "reason", reason)).expectStatus().isOk();
    }

    static Map<String, Object> checkoutBody(UUID variant, int quantity) {
        Map<String, Object> body = new HashMap<>();
        body.put("shippingAddress", Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way", "city", "Springfield",
                "postalCode", "12345", "country", "US"));
        body.put("lines", List.of(Map.of("variantId", variant.toString(), "quantity", quantity)));
        return body;
    }

    String order(String customer, UUID variant, int quantity) {
        return call(HttpMethod.POST, "/api/v1/orders", customer, checkoutBody(variant, quantity))
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("id").toString();
    }

    /** A running campaign of {@code quantity} units at 4,900 minor units each, one per customer. */
    String flashSale(UUID variant, int quantity, int holdSeconds, String admin) {
        Map<String, Object> body = Map.of("name", "Midnight drop", "variantId", variant.toString(), "priceMinor", 4900,
                "quantity", quantity, "perCustomerLimit", 1, "startsAt", java.time.Instant.now().minusSeconds(5).toString(),
                "endsAt", java.time.Instant.now().plusSeconds(3600).toString(), "holdSeconds", holdSeconds);
        return call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, body).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody().get("id").toString();
    }
}
