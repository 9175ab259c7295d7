package dev.surge.payments;

import dev.surge.platform.persistence.Ids;
import dev.surge.support.CatalogRows;
import dev.surge.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog rows, customers, orders and payments for payment tests, and sandbox webhooks signed here with
 * {@code javax.crypto} (independently of the production signing code) with the test profile's secret.
 */
final class PaymentFixtures {

    static final String SANDBOX_SECRET = "whsec_sandbox_test";
    static final String STRIPE_SECRET = "whsec_stripe_test";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;
    private final CatalogRows rows;
    private final WebTestClient http;
    private final TestTokens tokens;

    PaymentFixtures(DatabaseClient db, WebTestClient http, TestTokens tokens) {
        this.db = db;
        this.rows = new CatalogRows(db);
        this.http = http;
        this.tokens = tokens;
    }

    UUID variant(int stock, long price, String currency) {
        return rows.variant(stock, price, currency, null).id();
    }

    record Customer(UUID id, String token) {
    }

    Customer customer() {
        UUID id = user("CUSTOMER");
        return new Customer(id, tokens.customer(id));
    }

    UUID user(String role) {
        return rows.user(role, null, "payer");
    }

    String finance() {
        return tokens.as(user("FINANCE"), "FINANCE");
    }

    static Map<String, Object> checkoutBody(String email, UUID variant, int quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (email != null) {
            body.put("email", email);
        }
        body.put("shippingAddress", Map.of("name", "Grace Hopper", "line1", "1 Compiler Road", "city", "Arlington",
                "postalCode", "22201", "country", "KW"));
        body.put("lines", List.of(Map.of("variantId", variant.toString(), "quantity", quantity)));
        return body;
    }

    /** An order of {@code quantity} units, pending payment. */
    @SuppressWarnings("unchecked")
    Map<String, Object> order(String token, UUID variant, int quantity) {
        return http.post().uri("/api/v1/orders").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(checkoutBody(token == null ? "guest-" + UUID.randomUUID() + "@example.com" : null, variant,
                        quantity))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec createPayment(String token, Map<String, Object> body) {
        return http.post().uri("/api/v1/payments").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> payment(String token, Object orderId) {
        return createPayment(token, Map.of("orderId", orderId.toString()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The body of a sandbox event, as the sandbox provider writes it. */
    static String sandboxEvent(String eventId, String type, String reference, Object paymentId, long amountMinor,
            String currency, String refundReference) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", reference);
        data.put("payment_reference", paymentId == null ? null : paymentId.toString());
        data.put("refund_reference", refundReference);
        data.put("amount", amountMinor);
        data.put("currency", currency);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type);
        body.put("created", Instant.now().getEpochSecond());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    /** {@code t=<ts>,v1=<hex HMAC-SHA256 of "ts.body">}, computed here. */
    static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    WebTestClient.ResponseSpec sandboxWebhook(String body, String signature) {
        return http.post().uri("/api/v1/webhooks/sandbox").header("Surge-Sandbox-Signature", signature)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec sandboxWebhook(String body) {
        return sandboxWebhook(body, signature(SANDBOX_SECRET, Instant.now().getEpochSecond(), body));
    }

    String orderStatus(Object orderId) {
        return db.sql("SELECT status FROM orders WHERE id = :id").bind("id", UUID.fromString(orderId.toString()))
                .map(row -> row.get("status", String.class)).one().block();
    }

    String column(String sql, Object id) {
        return db.sql(sql).bind("id", id instanceof UUID u ? u : UUID.fromString(id.toString()))
                .map(row -> row.get(0) == null ? null : row.get(0).toString()).one().defaultIfEmpty("<none>").block();
    }

    long count(String sql, Object id) {
        return db.sql(sql).bind("id", id instanceof UUID u ? u : UUID.fromString(id.toString()))
                .map(row -> ((Number) row.get(0)).longValue()).one().block();
    }
}
