package dev.surge.reporting;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.CatalogRows;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Orders placed, paid and refunded over HTTP as shoppers and finance do, and callers of every role. */
final class ReportFixtures {

    final CatalogRows rows;
    private final WebTestClient http;
    private final AccessTokens tokens;

    ReportFixtures(DatabaseClient db, WebTestClient http, AccessTokens tokens) {
        this.rows = new CatalogRows(db);
        this.http = http;
        this.tokens = tokens;
    }

    record Line(UUID variantId, int quantity) {
    }

    String token(String role, UUID merchant) {
        UUID user = rows.user(role, merchant, role.toLowerCase());
        return tokens.issue(user, UUID.randomUUID(), role, merchant).block().value();
    }

    UUID customer() {
        return rows.user("CUSTOMER", null, "buyer");
    }

    String tokenOf(UUID customer) {
        return tokens.issue(customer, UUID.randomUUID(), "CUSTOMER", null).block().value();
    }

    /** An order pending payment: a customer's (token) or, with a null token, a guest's. */
    @SuppressWarnings("unchecked")
    Map<String, Object> order(String token, List<Line> lines) {
        return order(token, lines, Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way", "city", "Springfield",
                "postalCode", "12345", "country", "US", "region", "CA"));
    }

    /** An order in pounds, shipped to London (prices there include tax). */
    Map<String, Object> poundOrder(String token, List<Line> lines) {
        return order(token, lines, Map.of("name", "Ada Lovelace", "line1", "1 Engine Row", "city", "London",
                "postalCode", "N1 1AA", "country", "GB"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> order(String token, List<Line> lines, Map<String, String> address) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (token == null) {
            body.put("email", "guest-" + UUID.randomUUID() + "@example.com");
        }
        body.put("shippingAddress", address);
        body.put("lines", lines.stream().map(l -> Map.of("variantId", l.variantId().toString(), "quantity",
                l.quantity())).toList());
        return http.post().uri("/api/v1/orders").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody(Map.class).consumeWith(result -> org.assertj.core.api.Assertions
                        .assertThat(result.getStatus().value()).as("checkout: %s", result.getResponseBody())
                        .isEqualTo(201))
                .returnResult().getResponseBody();
    }

    /** Pays the order through the payment sandbox; answers the payment. */
    Map<String, Object> pay(Map<String, Object> order, String token) {
        return dev.surge.support.SandboxShopper.pay(http, order, token);
    }

    void refund(Map<String, Object> payment, long amountMinor, String finance) {
        http.post().uri("/api/v1/payments/" + payment.get("id") + "/refunds").headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", amountMinor)).exchange()
                .expectStatus().isCreated();
    }

    /** Yesterday to tomorrow (UTC): today's orders, whatever the clock does during the test. */
    static String range() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    }
}
