package dev.surge.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A shopper paying an order over HTTP through the payment sandbox, as the storefront would. */
public final class SandboxShopper {

    private SandboxShopper() {
    }

    /**
     * Starts a payment for {@code order} (as the customer of {@code token}, or as its guest when {@code token} is
     * null: the order's email and guest access token) and completes it in the sandbox, which sends the signed
     * webhook; answers the payment.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> pay(WebTestClient http, Map<String, Object> order, String token) {
        Map<String, Object> body = token != null ? Map.of("orderId", order.get("id").toString())
                : Map.of("orderId", order.get("id").toString(), "email", order.get("email"), "token",
                        order.get("guestAccessToken"));
        Map<String, Object> payment = http.post().uri("/api/v1/payments").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/api/v1/sandbox/payments/" + payment.get("providerReference") + "/complete")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("outcome", "SUCCEED"))
                .exchange().expectStatus().isOk();
        return payment;
    }
}
