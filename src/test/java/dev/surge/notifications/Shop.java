package dev.surge.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.support.CatalogRows;
import dev.surge.support.TestMailServer;
import dev.surge.support.TestTokens;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Buys and walks orders over HTTP as shoppers and staff do (checkout, the sandbox's pay page, fulfilment, admin
 * status, refunds), and reads what the test SMTP server received.
 */
final class Shop {

    static final Duration DELIVERY = Duration.ofSeconds(60);

    private final DatabaseClient db;
    private final WebTestClient http;
    private final CatalogRows rows;
    private final TestTokens tokens;
    final String admin;
    final String finance;

    Shop(DatabaseClient db, WebTestClient http, TestTokens tokens) {
        this.db = db;
        this.http = http;
        this.rows = new CatalogRows(db);
        this.tokens = tokens;
        this.admin = tokens.admin();
        this.finance = tokens.as(rows.user("FINANCE", null, "finance"), "FINANCE");
    }

    /** A merchant whose notices go to {@code contactEmail}. */
    UUID merchantWithContact(String contactEmail) {
        UUID merchant = rows.merchant();
        db.sql("UPDATE merchants SET contact_email = :email WHERE id = :id").bind("email", contactEmail)
                .bind("id", merchant).then().block();
        return merchant;
    }

    /** A merchant without a contact address, and its one seller's address (where its notices go instead). */
    UUID merchantWithSeller() {
        return rows.merchant();
    }

    String sellerOf(UUID merchant) {
        UUID seller = rows.user("SELLER", merchant, "seller");
        return "seller-" + seller + "@example.com";
    }

    UUID variant(UUID merchant, int stock, long price) {
        return rows.variantOf(merchant, stock, price, "USD", null).id();
    }

    String sku(UUID variant) {
        return db.sql("SELECT sku FROM product_variants WHERE id = :id").bind("id", variant)
                .map(row -> row.get("sku", String.class)).one().block();
    }

    UUID customer() {
        return rows.user("CUSTOMER", null, "buyer");
    }

    String token(UUID customer) {
        return tokens.customer(customer);
    }

    /** Checks out {@code lines} (variant to quantity) to California; {@code token} null: a guest with {@code email}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> checkout(String token, String email, Map<UUID, Integer> lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (email != null) {
            body.put("email", email);
        }
        body.put("shippingAddress", Map.of("name", "Grace <Hopper>", "line1", "1 Compiler Road", "city", "Arlington",
                "region", "CA", "postalCode", "94016", "country", "US"));
        body.put("lines", lines.entrySet().stream().map(line -> Map.of("variantId", line.getKey().toString(),
                "quantity", line.getValue())).toList());
        return http.post().uri("/api/v1/orders").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Pays the order at the sandbox as its buyer would; answers the payment's id. */
    @SuppressWarnings("unchecked")
    String pay(String token, Map<String, Object> order, String outcome) {
        Map<String, Object> body = token != null ? Map.of("orderId", order.get("id"))
                : Map.of("orderId", order.get("id"), "email", order.get("email"), "token", order.get("guestAccessToken"));
        Map<String, Object> payment = http.post().uri("/api/v1/payments").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/api/v1/sandbox/payments/" + payment.get("providerReference") + "/complete")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("outcome", outcome)).exchange()
                .expectStatus().isOk();
        return payment.get("id").toString();
    }

    void fulfil(Object orderId, String step, Map<String, Object> body) {
        http.post().uri("/api/v1/fulfilment/orders/" + orderId + "/" + step).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
    }

    void cancel(Object orderId, String reason) {
        http.post().uri("/api/v1/admin/orders/" + orderId + "/status").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "CANCELLED", "reason", reason))
                .exchange().expectStatus().isOk();
    }

    void refund(String paymentId, Long amountMinor) {
        http.post().uri("/api/v1/payments/" + paymentId + "/refunds").headers(h -> {
                    h.setBearerAuth(finance);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(amountMinor == null ? Map.of() : Map.of("amountMinor", amountMinor))
                .exchange().expectStatus().isCreated();
    }

    String status(Object orderId) {
        return db.sql("SELECT status FROM orders WHERE id = :id").bind("id", UUID.fromString(orderId.toString()))
                .map(row -> row.get("status", String.class)).one().block();
    }

    /** Waits until {@code to} has received {@code count} emails; answers them, oldest first. */
    static List<MimeMessage> awaitEmails(String to, int count) {
        await().atMost(DELIVERY).until(() -> received(to).size() >= count);
        List<MimeMessage> emails = received(to);
        assertThat(emails).as("emails to %s", to).hasSize(count);
        return emails;
    }

    static List<MimeMessage> received(String to) {
        return Arrays.stream(TestMailServer.server().getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(address -> address.toString().equalsIgnoreCase(to));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The email to {@code to} whose subject contains {@code subject}. */
    static MimeMessage withSubject(List<MimeMessage> emails, String subject) throws Exception {
        for (MimeMessage email : emails) {
            if (email.getSubject().contains(subject)) {
                return email;
            }
        }
        throw new AssertionError("No email with subject containing '" + subject + "'");
    }

    static String text(Part part) throws Exception {
        return part(part, "text/plain");
    }

    static String html(Part part) throws Exception {
        return part(part, "text/html");
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static String address(String purpose) {
        return purpose + "-" + UUID.randomUUID() + "@example.com";
    }
}
