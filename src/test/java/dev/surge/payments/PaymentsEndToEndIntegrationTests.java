package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestMailServer;
import dev.surge.support.TestTokens;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The local run's purchase, over HTTP only: cart, order, payment at the sandbox, the shopper pays, the
 * sandbox sends Surge its signed webhook, the order is paid and the buyer gets the confirmation email.
 */
class PaymentsEndToEndIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Test
    @SuppressWarnings("unchecked")
    void cartToOrderToSandboxPaymentToPaidOrderAndConfirmationEmail() {
        TestTokens tokens = new TestTokens(accessTokens);
        PaymentFixtures fixtures = new PaymentFixtures(db, http, tokens);
        UUID kettle = fixtures.variant(5, 4200, "USD");
        PaymentFixtures.Customer buyer = fixtures.customer();

        http.post().uri("/api/v1/cart/items").headers(h -> h.setBearerAuth(buyer.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("variantId", kettle.toString(), "quantity", 2))
                .exchange().expectStatus().isOk();
        Map<String, Object> checkout = PaymentFixtures.checkoutBody(null, kettle, 2);
        checkout.remove("lines"); // the cart
        Map<String, Object> order = http.post().uri("/api/v1/orders").headers(h -> {
                    h.setBearerAuth(buyer.token());
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(checkout).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(order.get("status")).isEqualTo("PENDING_PAYMENT");

        Map<String, Object> payment = fixtures.payment(buyer.token(), order.get("id"));
        String payUrl = (String) payment.get("authorizationUrl");
        String reference = (String) payment.get("providerReference");
        assertThat(payUrl).endsWith("/api/v1/sandbox/payments/" + reference);
        http.get().uri("/api/v1/sandbox/payments/" + reference).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING");

        // The shopper pays on the sandbox's page; the sandbox then POSTs Surge its signed webhook.
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isOk();

        http.get().uri("/api/v1/orders/" + order.get("id")).headers(h -> h.setBearerAuth(buyer.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
        http.get().uri("/api/v1/payments/" + payment.get("id")).headers(h -> h.setBearerAuth(buyer.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("SUCCEEDED");
        assertThat(db.sql("SELECT on_hand, reserved FROM inventory_stock WHERE variant_id = :v").bind("v", kettle)
                .map(row -> row.get("on_hand", Integer.class) + "/" + row.get("reserved", Integer.class)).one().block())
                .isEqualTo("3/0");

        String to = "payer-" + buyer.id() + "@example.com";
        // Through the outbox, Kafka and SMTP, possibly behind the webhook storm's 300 confirmations in a full run.
        await().atMost(Duration.ofSeconds(120)).until(() -> Arrays.stream(TestMailServer.server().getReceivedMessages())
                .anyMatch(message -> {
                    try {
                        return message.getAllRecipients()[0].toString().equals(to)
                                && message.getSubject().contains((String) order.get("number"));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    /** The README's curl purchase: a guest cart, guest checkout, payment with the order's email and token. */
    @Test
    @SuppressWarnings("unchecked")
    void aGuestBuysWithTheCartTokenAndPaysWithTheOrdersEmailAndToken() {
        PaymentFixtures fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
        UUID kettle = fixtures.variant(5, 1999, "USD");
        String cart = http.post().uri("/api/v1/cart/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variantId", kettle.toString(), "quantity", 1)).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Cart-Token");
        assertThat(cart).isNotBlank();
        Map<String, Object> checkout = PaymentFixtures.checkoutBody("ada-" + UUID.randomUUID() + "@example.com", kettle, 1);
        checkout.remove("lines");
        Map<String, Object> order = http.post().uri("/api/v1/orders").headers(h -> {
                    h.set("X-Cart-Token", cart);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(checkout).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> payment = fixtures.createPayment(null, Map.of("orderId", order.get("id"),
                        "email", order.get("email"), "token", order.get("guestAccessToken")))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/api/v1/sandbox/payments/" + payment.get("providerReference") + "/complete")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("outcome", "SUCCEED")).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/v1/orders/lookup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", order.get("number"), "email", order.get("email"),
                        "token", order.get("guestAccessToken")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
    }
}
