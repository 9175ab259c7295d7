package dev.surge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Flash sales over HTTP on one instance: campaigns, purchase attempts and every refusal. */
class FlashSaleIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

    @Autowired
    dev.surge.inventory.domain.SaleBuyerCounts buyerCounts;

    InventoryFixtures fixtures;
    TestTokens tokens;
    String admin;

    @BeforeEach
    void setUp() {
        fixtures = new InventoryFixtures(db);
        tokens = new TestTokens(accessTokens);
        admin = tokens.admin();
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(path)
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                });
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> sale(UUID variant, int quantity, int limit, Instant starts, Instant ends, Integer holdSeconds) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Midnight drop", "variantId", variant.toString(),
                "priceMinor", 4900, "quantity", quantity, "perCustomerLimit", limit,
                "startsAt", starts.toString(), "endsAt", ends.toString()));
        if (holdSeconds != null) {
            body.put("holdSeconds", holdSeconds);
        }
        return call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, body)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    Map<String, Object> runningSale(UUID variant, int quantity, int limit) {
        return sale(variant, quantity, limit, Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600), null);
    }

    WebTestClient.ResponseSpec claim(Object saleId, String token, int quantity) {
        return call(HttpMethod.POST, "/api/v1/flash-sales/" + saleId + "/reservations", token, Map.of("quantity", quantity));
    }

    Map<String, Object> read(Object saleId) {
        return call(HttpMethod.GET, "/api/v1/flash-sales/" + saleId, null, null)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void aCampaignTakesItsUnitsOutOfNormalStockAndShowsItsState() {
        UUID variant = fixtures.variant(100, 9900);
        Map<String, Object> sale = runningSale(variant, 30, 2);

        assertThat(sale).containsEntry("state", "ACTIVE").containsEntry("remaining", 30).containsEntry("claimed", 0);
        assertThat(sale.get("price")).isEqualTo(Map.of("amountMinor", 4900, "currency", "USD"));
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(100, 30));
        Map<String, Object> level = call(HttpMethod.GET, "/api/v1/admin/inventory/" + variant, admin, null)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(level).containsEntry("onHand", 100).containsEntry("reserved", 30).containsEntry("available", 70);

        Map<String, Object> upcoming = sale(fixtures.variant(10, 9900), 5, 1, Instant.now().plusSeconds(600),
                Instant.now().plusSeconds(1200), null);
        assertThat(upcoming).containsEntry("state", "UPCOMING");
    }

    @Test
    void aBuyerGetsAReservationAtTheSalePriceUpToTheLimit() {
        UUID variant = fixtures.variant(50, 9900);
        Object saleId = runningSale(variant, 10, 2).get("id");
        UUID buyer = UUID.randomUUID();
        String token = tokens.customer(buyer);

        Map<String, Object> reservation = claim(saleId, token, 2).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(reservation).containsEntry("status", "active").containsEntry("flashSaleId", saleId);
        assertThat(reservation.get("unitPrice")).isEqualTo(Map.of("amountMinor", 4900, "currency", "USD"));
        assertThat(Instant.parse((String) reservation.get("expiresAt"))).isAfter(Instant.now().plus(Duration.ofMinutes(14)));

        claim(saleId, token, 1).expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("purchase_limit_exceeded");
        assertThat(read(saleId)).containsEntry("remaining", 8).containsEntry("claimed", 2);
        assertThat(fixtures.sale(UUID.fromString((String) saleId)).taken()).isEqualTo(2);

        // The buyer sees their reservation; nobody else does.
        call(HttpMethod.GET, "/api/v1/reservations/" + reservation.get("id"), token, null).expectStatus().isOk();
        call(HttpMethod.GET, "/api/v1/reservations/" + reservation.get("id"), tokens.customer(UUID.randomUUID()), null)
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("reservation_not_found");
        call(HttpMethod.DELETE, "/api/v1/reservations/" + reservation.get("id"), tokens.customer(UUID.randomUUID()), null)
                .expectStatus().isNotFound();
        assertThat(read(saleId)).containsEntry("remaining", 8);
    }

    @Test
    void aCustomersCountLostByRedisIsRepairedFromPostgresqlAndTheLimitHoldsAgain() {
        UUID variant = fixtures.variant(50, 9900);
        Object saleId = runningSale(variant, 10, 2).get("id");
        String token = tokens.customer(UUID.randomUUID());
        claim(saleId, token, 2).expectStatus().isCreated();
        String buyers = "surge:inv:{fs:" + saleId + "}:buyers";
        List<Object> owners = redis.opsForHash().keys(buyers).collectList().block();
        assertThat(owners).hasSize(1);
        Object owner = owners.get(0);
        redis.opsForHash().put(buyers, owner, "0").block(); // a lost write: the limit would let 2 more through

        assertThat(buyerCounts.reconcile().block()).isPositive();

        assertThat(redis.opsForHash().get(buyers, owner).block()).isEqualTo("2");
        claim(saleId, token, 1).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("purchase_limit_exceeded");
    }

    @Test
    void aRetriedAttemptWithTheSameKeyHoldsOnceAndTheBuyerListsTheirHolds() {
        UUID variant = fixtures.variant(50, 9900);
        Object saleId = runningSale(variant, 10, 3).get("id");
        String token = tokens.customer(UUID.randomUUID());
        String key = UUID.randomUUID().toString();

        Map<String, Object> first = http.post().uri("/api/v1/flash-sales/" + saleId + "/reservations")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1)).exchange()
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        // The buyer's app retries (a timeout, a flaky network): the same reservation, nothing more held.
        Map<String, Object> again = http.post().uri("/api/v1/flash-sales/" + saleId + "/reservations")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1)).exchange()
                .expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(read(saleId)).containsEntry("claimed", 1);
        // Another attempt (no key, or a new one) is a new attempt.
        Map<String, Object> second = claim(saleId, token, 1).expectStatus().isCreated().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(read(saleId)).containsEntry("claimed", 2);

        Map<String, Object> mine = call(HttpMethod.GET, "/api/v1/reservations", token, null).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        List<Object> ids = ((List<?>) mine.get("items")).stream().map(item -> ((Map<?, ?>) item).get("id"))
                .map(Object.class::cast).toList();
        assertThat(ids).containsExactlyInAnyOrder(first.get("id"), second.get("id"));
        assertThat((List<?>) mine.get("items")).allSatisfy(item -> assertThat(((Map<?, ?>) item).get("unitPrice"))
                .isEqualTo(Map.of("amountMinor", 4900, "currency", "USD")));
        Map<String, Object> others = call(HttpMethod.GET, "/api/v1/reservations", tokens.customer(UUID.randomUUID()), null)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat((List<?>) others.get("items")).isEmpty();
        call(HttpMethod.GET, "/api/v1/reservations", null, null).expectStatus().isUnauthorized();
    }

    @Test
    void releasingGivesTheUnitsBackOnceAndLetsTheBuyerTryAgain() {
        Object saleId = runningSale(fixtures.variant(20, 9900), 3, 1).get("id");
        String token = tokens.customer(UUID.randomUUID());
        Object reservation = claim(saleId, token, 1).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody().get("id");

        for (int i = 0; i < 2; i++) {
            call(HttpMethod.DELETE, "/api/v1/reservations/" + reservation, token, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("released");
        }
        assertThat(read(saleId)).containsEntry("remaining", 3).containsEntry("claimed", 0);
        claim(saleId, token, 1).expectStatus().isCreated();
        assertThat(read(saleId)).containsEntry("remaining", 2);
    }

    @Test
    void soldOutAndOutsideTheWindowAreConflicts() {
        Object saleId = runningSale(fixtures.variant(10, 9900), 1, 1).get("id");
        claim(saleId, tokens.customer(UUID.randomUUID()), 1).expectStatus().isCreated();
        claim(saleId, tokens.customer(UUID.randomUUID()), 1).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("sold_out");
        assertThat(read(saleId)).containsEntry("state", "SOLD_OUT").containsEntry("remaining", 0);

        Object later = sale(fixtures.variant(10, 9900), 5, 1, Instant.now().plusSeconds(600),
                Instant.now().plusSeconds(1200), null).get("id");
        claim(later, tokens.customer(UUID.randomUUID()), 1).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("sale_not_active");

        Object ending = sale(fixtures.variant(10, 9900), 5, 1, Instant.now().minusSeconds(10),
                Instant.now().plusMillis(1500), null).get("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> claim(ending, tokens.customer(UUID.randomUUID()), 1)
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("sale_not_active"));
    }

    @Test
    void anEndedSaleReturnsWhatNobodyClaimedToNormalStock() {
        UUID variant = fixtures.variant(40, 9900);
        Object saleId = sale(variant, 10, 5, Instant.now().minusSeconds(10), Instant.now().plusSeconds(2), null).get("id");
        claim(saleId, tokens.customer(UUID.randomUUID()), 3).expectStatus().isCreated();
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(40, 10));
        // Load the variant's gate now, so that the check below sees the close credit it (not a fresh load).
        call(HttpMethod.GET, "/api/v1/admin/inventory/" + variant, admin, null).expectStatus().isOk()
                .expectBody().jsonPath("$.gate").isEqualTo(30);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(40, 3)));
        assertThat(read(saleId)).containsEntry("state", "ENDED").containsEntry("quantity", 3).containsEntry("claimed", 3);
        Map<String, Object> level = call(HttpMethod.GET, "/api/v1/admin/inventory/" + variant, admin, null)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(level).containsEntry("available", 37).containsEntry("gate", 37);
        // A closed sale's keys leave Redis after a while; PostgreSQL answers for it afterwards.
        Long ttl = redis.getExpire("surge:inv:{fs:" + saleId + "}:remaining").map(java.time.Duration::toHours).block();
        assertThat(ttl).isBetween(24L, 48L);
    }

    @Test
    void anExpiredReservationReturnsItsUnitsToTheSale() {
        UUID variant = fixtures.variant(10, 9900);
        Object saleId = sale(variant, 2, 1, Instant.now().minusSeconds(5), Instant.now().plusSeconds(600), 1).get("id");
        String token = tokens.customer(UUID.randomUUID());
        Object reservation = claim(saleId, token, 1).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody().get("id");
        assertThat(read(saleId)).containsEntry("remaining", 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(read(saleId)).containsEntry("remaining", 2));
        call(HttpMethod.GET, "/api/v1/reservations/" + reservation, token, null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("expired");
        // The limit counts what the buyer holds, so an expired hold does not use it up.
        claim(saleId, token, 1).expectStatus().isCreated();
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        UUID variant = fixtures.variant(10, 9900);
        call(HttpMethod.POST, "/api/v1/admin/flash-sales", tokens.customer(UUID.randomUUID()), Map.of("name", "x"))
                .expectStatus().isForbidden();
        call(HttpMethod.POST, "/api/v1/admin/flash-sales", null, Map.of("name", "x")).expectStatus().isUnauthorized();
        http.post().uri("/api/v1/admin/flash-sales").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, Map.of("name", "x", "variantId", variant.toString(),
                "priceMinor", "cheap", "quantity", 5, "perCustomerLimit", 1, "startsAt", Instant.now().toString(),
                "endsAt", Instant.now().plusSeconds(60).toString())).expectStatus().isBadRequest();
        call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, Map.of("name", "x", "variantId", variant.toString(),
                "priceMinor", 100, "quantity", 0, "perCustomerLimit", 1, "startsAt", Instant.now().toString(),
                "endsAt", Instant.now().plusSeconds(60).toString())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("quantity");
        call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, Map.of("name", "x", "variantId", variant.toString(),
                "priceMinor", 100, "quantity", 5, "perCustomerLimit", 1, "startsAt", Instant.now().toString(),
                "endsAt", Instant.now().minusSeconds(60).toString())).expectStatus().isBadRequest();
        call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, Map.of("name", "x", "variantId", UUID.randomUUID().toString(),
                "priceMinor", 100, "quantity", 5, "perCustomerLimit", 1, "startsAt", Instant.now().toString(),
                "endsAt", Instant.now().plusSeconds(60).toString())).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("variant_not_found");
        call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, Map.of("name", "x", "variantId", variant.toString(),
                "priceMinor", 100, "quantity", 11, "perCustomerLimit", 1, "startsAt", Instant.now().toString(),
                "endsAt", Instant.now().plusSeconds(60).toString())).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_stock");
        assertThat(fixtures.stock(variant)).isNull(); // not even adopted: every refusal rolled back

        Object saleId = runningSale(variant, 5, 2).get("id");
        String buyer = tokens.customer(UUID.randomUUID());
        claim(saleId, null, 1).expectStatus().isUnauthorized();
        claim(saleId, buyer, 0).expectStatus().isBadRequest();
        claim(saleId, buyer, 101).expectStatus().isBadRequest();
        call(HttpMethod.POST, "/api/v1/flash-sales/" + saleId + "/reservations", buyer, Map.of("quantity", "two"))
                .expectStatus().isBadRequest();
        claim(UUID.randomUUID(), buyer, 1).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("flash_sale_not_found");
        claim("not-a-uuid", buyer, 1).expectStatus().isNotFound();
        call(HttpMethod.GET, "/api/v1/flash-sales/" + UUID.randomUUID(), null, null).expectStatus().isNotFound();
        call(HttpMethod.GET, "/api/v1/reservations/nope", buyer, null).expectStatus().isNotFound();
        assertThat(read(saleId)).containsEntry("remaining", 5);
    }
}
