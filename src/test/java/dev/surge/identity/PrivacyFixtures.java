package dev.surge.identity;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.surge.support.CatalogRows;
import dev.surge.support.TestMailServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A customer with an account, sessions, a cart and paid orders, made over HTTP; and what they were emailed. */
final class PrivacyFixtures {

    private static final Pattern EXPORT_LINK = Pattern.compile("/account/export\\?token=([A-Za-z0-9%_\\-]+)");

    private final WebTestClient http;
    private final DatabaseClient db;
    private final AuthClient auth;
    private final CatalogRows rows;

    PrivacyFixtures(WebTestClient http, DatabaseClient db) {
        this.http = http;
        this.db = db;
        this.auth = new AuthClient(http, db);
        this.rows = new CatalogRows(db);
    }

    /** A registered customer signed in on two devices: {@code access} is the first session's access token. */
    record Shopper(UUID id, String email, String access, String otherAccess, String refresh) {
    }

    Shopper shopper(String prefix) {
        String email = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID id = UUID.fromString(auth.register(email).get("id").toString());
        Map<String, Object> first = auth.signIn(email);
        Map<String, Object> second = auth.signIn(email);
        return new Shopper(id, email, first.get("accessToken").toString(), second.get("accessToken").toString(),
                first.get("refreshToken").toString());
    }

    UUID variant() {
        return rows.variant(50, 2_500, "USD", null).id();
    }

    /** An order of the variant placed by the shopper and paid through the payment sandbox; answers its id. */
    @SuppressWarnings("unchecked")
    String paidOrder(Shopper shopper, UUID variant, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shippingAddress", Map.of("name", name, "line1", "12 Analytical Way", "city", "Springfield",
                "postalCode", "12345", "country", "US", "region", "CA", "phone", "+1 555 0100"));
        body.put("lines", List.of(Map.of("variantId", variant.toString(), "quantity", 1)));
        Map<String, Object> order = http.post().uri("/api/v1/orders").headers(h -> {
                    h.setBearerAuth(shopper.access());
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String orderId = order.get("id").toString();
        Map<String, Object> payment = http.post().uri("/api/v1/payments").headers(h -> {
                    h.setBearerAuth(shopper.access());
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("orderId", orderId))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/api/v1/sandbox/payments/" + payment.get("providerReference") + "/complete")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("outcome", "SUCCEED"))
                .exchange().expectStatus().isOk();
        return orderId;
    }

    void addToCart(Shopper shopper, UUID variant) {
        http.post().uri("/api/v1/cart/items").headers(h -> h.setBearerAuth(shopper.access()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("variantId", variant.toString(), "quantity", 2))
                .exchange().expectStatus().is2xxSuccessful();
    }

    /** Waits until the order's invoice, its buyer's emails and the written-behind cart exist. */
    void settled(Shopper shopper, String orderId) {
        UUID order = UUID.fromString(orderId);
        await().atMost(Duration.ofSeconds(90)).until(() -> count("SELECT count(*) FROM invoices WHERE order_id = :id", order) == 1
                && count("SELECT count(*) FROM notifications WHERE order_id = :id AND merchant_id IS NULL"
                        + " AND template = 'order-paid'", order) == 1
                && count("SELECT count(*) FROM carts WHERE user_id = :id", shopper.id()) == 1);
    }

    WebTestClient.ResponseSpec erase(String access, Map<String, ?> body) {
        return http.method(HttpMethod.DELETE).uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec download(String access, String token) {
        return http.post().uri("/api/v1/auth/me/export/download").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("token", token)).exchange();
    }

    long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    /** Waits for the newest export email to this address and takes the token out of its link. */
    static String exportTokenFromEmail(String to, int nth) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<String> tokens = received(to).stream()
                    .map(GreenMailUtil::getWholeMessage)
                    .map(body -> body.replace("=\r\n", "").replace("=3D", "="))
                    .map(EXPORT_LINK::matcher)
                    .filter(Matcher::find)
                    .map(m -> URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))
                    .distinct().toList();
            return tokens.size() >= nth ? tokens.get(nth - 1) : null;
        }, token -> token != null);
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(TestMailServer.server().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().contains(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
