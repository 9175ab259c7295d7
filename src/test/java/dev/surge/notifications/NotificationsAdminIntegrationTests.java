package dev.surge.notifications;

import static dev.surge.notifications.Shop.address;
import static dev.surge.notifications.Shop.awaitEmails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Admins read the notifications table over HTTP: filtered, paged, and nobody else; a merchant's contact address. */
class NotificationsAdminIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;

    TestTokens tokens;
    Shop shop;

    @BeforeEach
    void setUp() {
        tokens = new TestTokens(accessTokens);
        shop = new Shop(db, http, tokens);
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminsListAnOrdersEmailsByRecipientTemplateAndStatusPageByPage() {
        String contact = address("contact");
        Map<String, Object> merchant = http.post().uri("/api/v1/admin/merchants").headers(h -> h.setBearerAuth(shop.admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Lamps", "slug",
                        "lamps-" + UUID.randomUUID().toString().substring(0, 8), "contactEmail", contact))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(merchant.get("contactEmail")).isEqualTo(contact);
        UUID lamp = shop.variant(UUID.fromString(merchant.get("id").toString()), 20, 1200);
        String buyer = address("listed");
        Map<String, Object> order = shop.checkout(null, buyer, Map.of(lamp, 1));
        shop.pay(null, order, "SUCCEED");
        awaitEmails(buyer, 2);
        awaitEmails(contact, 1);
        String orderId = order.get("id").toString();
        await().atMost(Shop.DELIVERY).until(() -> items(list("order=" + orderId + "&status=SENT")).size() == 3);

        List<Map<String, Object>> all = items(list("order=" + orderId));
        assertThat(all).extracting(row -> row.get("template"))
                .containsExactly("merchant-new-order", "order-paid", "order-received");
        Map<String, Object> received = all.get(2);
        assertThat(received).containsEntry("recipient", buyer).containsEntry("eventType", "OrderPlaced")
                .containsEntry("status", "SENT").containsEntry("attempts", 1).containsEntry("orderId", orderId)
                .containsKeys("eventId", "subject", "sentAt", "createdAt");
        assertThat(items(list("order=" + orderId + "&recipient=" + buyer.toUpperCase()))).hasSize(2);
        assertThat(items(list("order=" + orderId + "&template=merchant-new-order"))).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("recipient", contact)
                        .containsEntry("merchantId", merchant.get("id")));
        assertThat(items(list("order=" + orderId + "&status=FAILED"))).isEmpty();

        Map<String, Object> first = list("order=" + orderId + "&limit=2");
        assertThat(items(first)).hasSize(2);
        Map<String, Object> second = list("order=" + orderId + "&limit=2&cursor=" + first.get("nextCursor"));
        assertThat(items(second)).extracting(row -> row.get("template")).containsExactly("order-received");
        assertThat(second.get("nextCursor")).isNull();
        // A cursor is bound to its filters.
        http.get().uri("/api/v1/admin/notifications?limit=2&cursor=" + first.get("nextCursor"))
                .headers(h -> h.setBearerAuth(shop.admin)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
    }

    @Test
    void onlyAdministratorsReadTheListAndBadFiltersAreProblems() {
        String path = "/api/v1/admin/notifications";
        http.get().uri(path).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        for (String role : List.of("CUSTOMER", "FINANCE", "FULFILMENT")) {
            http.get().uri(path).headers(h -> h.setBearerAuth(tokens.as(UUID.randomUUID(), role))).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        for (String bad : List.of("status=LOST", "order=12", "recipient=nobody", "template=DROP%20TABLE",
                "limit=0", "limit=201", "limit=ten", "recipient=" + "a".repeat(250) + "@x.io")) {
            http.get().uri(path + "?" + bad).headers(h -> h.setBearerAuth(shop.admin)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        }
        for (String cursor : List.of("garbage", "a.b", "x".repeat(2000))) {
            http.get().uri(b -> b.path(path).queryParam("cursor", cursor).build())
                    .headers(h -> h.setBearerAuth(shop.admin)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aMerchantsContactAddressMustBeAnEmailAddressAndNothingIsWrittenOtherwise() {
        String slug = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        for (Object contact : List.of("not-an-email", 42, "x".repeat(250) + "@example.com")) {
            http.post().uri("/api/v1/admin/merchants").headers(h -> h.setBearerAuth(shop.admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Bad", "slug", slug, "contactEmail", contact)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(db.sql("SELECT count(*) FROM merchants WHERE slug = :s").bind("s", slug)
                .map(row -> ((Number) row.get(0)).longValue()).one().block()).isZero();
    }

    private Map<String, Object> list(String query) {
        return http.get().uri("/api/v1/admin/notifications?" + query).headers(h -> h.setBearerAuth(shop.admin))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
