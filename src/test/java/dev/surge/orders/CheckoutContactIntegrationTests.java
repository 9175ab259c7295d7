package dev.surge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Where a signed-in buyer's order gets its contact address: their access token, else their account. */
class CheckoutContactIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JsonMapper json;

    OrderFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new OrderFixtures(db);
    }

    @Test
    void aSignInsTokenCarriesTheAccountsAddressAndTheOrderHasIt() {
        String email = "contact-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, Object> credentials = Map.of("email", email, "password", "correct horse battery staple");
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", credentials.get("password"), "displayName", "Ada"))
                .exchange().expectStatus().isCreated();
        String token = (String) http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(credentials).exchange().expectStatus().isOk()
                .expectBody(OrdersIntegrationTests.JSON).returnResult().getResponseBody().get("accessToken");

        Map<?, ?> claims = json.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
        assertThat(claims.get("email")).isEqualTo(email);
        assertThat(checkout(token).get("email")).isEqualTo(email);
    }

    @Test
    void theOrderTakesTheTokensAddressAndAnOlderTokenWithoutOneTheAccounts() {
        UUID customer = fixtures.customer();
        String carrying = accessTokens.issue(customer, UUID.randomUUID(), "CUSTOMER", null, "from-token@example.com")
                .block().value();
        String older = accessTokens.issue(customer, UUID.randomUUID(), "CUSTOMER", null).block().value();

        assertThat(checkout(carrying).get("email")).as("read from the token, not looked up")
                .isEqualTo("from-token@example.com");
        assertThat(checkout(older).get("email")).isEqualTo("buyer-" + customer + "@example.com");
    }

    private Map<String, Object> checkout(String token) {
        OrderFixtures.Variant variant = fixtures.variant(5, 1000, "USD", null);
        Map<String, Object> body = Map.of("lines", List.of(Map.of("variantId", variant.id().toString(), "quantity", 1)),
                "shippingAddress", OrdersIntegrationTests.address("US", "CA"));
        return http.post().uri("/api/v1/orders").headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(OrdersIntegrationTests.JSON).returnResult().getResponseBody();
    }
}
