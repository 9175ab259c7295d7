package dev.surge.reporting.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Flash-sale reports over HTTP: a storm of attempts counted exactly, holds and orders, access, CSV. */
class FlashSaleReportsIntegrationTests extends IntegrationTest {

    private static final String BASE = "/api/v1/admin/reports/flash-sales";

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    ReportCalls calls;
    CatalogRows rows;
    String admin;

    @BeforeEach
    void setUp() {
        calls = new ReportCalls(http, accessTokens);
        rows = new CatalogRows(db);
        admin = calls.admin(UUID.randomUUID());
    }

    @Test
    void nConcurrentAttemptsOnMUnitsAreCountedExactly() {
        int attempts = 60;
        int units = 12;
        UUID merchant = rows.merchant();
        UUID variant = rows.variantOf(merchant, 100, 9900, "USD", null).id();
        String sale = calls.flashSale(variant, units, 1, admin);
        List<String> buyers = IntStream.range(0, attempts).mapToObj(i -> calls.customer(UUID.randomUUID())).toList();
        WebClient client = WebClient.create("http://127.0.0.1:" + serverPort);

        List<Integer> statuses = Flux.range(0, attempts)
                .flatMap(i -> client.post().uri("/api/v1/flash-sales/" + sale + "/reservations")
                        .headers(h -> h.setBearerAuth(buyers.get(i))).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("quantity", 1))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), attempts)
                .collectList().block(Duration.ofMinutes(2));
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(units);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(attempts - units);

        Map<String, Object> report = calls.get(BASE + "/" + sale, admin);
        assertThat(report).containsEntry("attempts", attempts).containsEntry("soldOutAnswers", attempts - units)
                .containsEntry("claims", units).containsEntry("unitsClaimed", units).containsEntry("unitsOffered", units)
                .containsEntry("state", "ACTIVE").containsEntry("merchantId", merchant.toString());
        assertThat(report.get("soldOutAt")).isNotNull();
        assertThat(((Number) report.get("secondsToSellOut")).longValue()).isBetween(0L, 120L);
        long held = db.sql("""
                SELECT coalesce(sum(l.quantity), 0) AS units FROM stock_reservations r
                JOIN stock_reservation_lines l ON l.reservation_id = r.id WHERE r.flash_sale_id = :id""")
                .bind("id", UUID.fromString(sale)).map(row -> row.get("units", Long.class)).one().block();
        assertThat(held).isEqualTo(units);

        // Every hold lasts a second: they expire, nobody paid, no revenue.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ((Number) calls.get(BASE + "/" + sale, admin).get("holdsExpired")).intValue() == units);
        Map<String, Object> after = calls.get(BASE + "/" + sale, admin);
        assertThat(after).containsEntry("unitsExpired", units).containsEntry("holdsActive", 0)
                .containsEntry("ordersPaidFromHolds", 0).containsEntry("unitsSold", 0)
                .containsEntry("revenue", Map.of("amountMinor", 0, "currency", "USD"));
    }

    @Test
    void ordersPaidFromHoldsMakeTheRevenueAndASellerSeesOnlyItsOwnSales() {
        UUID merchant = rows.merchant();
        UUID variant = rows.variantOf(merchant, 20, 9900, "USD", null).id();
        String sale = calls.flashSale(variant, 5, 900, admin);
        UUID buyer = rows.user("CUSTOMER", null, "flash");
        String token = calls.customer(buyer);
        calls.call(HttpMethod.POST, "/api/v1/flash-sales/" + sale + "/reservations", token, Map.of("quantity", 1))
                .expectStatus().isCreated();
        // Checkout takes the hold over at the sale price; the order is paid.
        Map<String, Object> order = calls.call(HttpMethod.POST, "/api/v1/orders", token, ReportCalls.checkoutBody(variant, 1))
                .expectStatus().isCreated().expectBody(ReportCalls.JSON).returnResult().getResponseBody();
        calls.call(HttpMethod.POST, "/api/v1/admin/orders/" + order.get("id") + "/status", admin, Map.of("status", "PAID"))
                .expectStatus().isOk();

        String seller = calls.seller(merchant);
        Map<String, Object> report = calls.get(BASE + "/" + sale, seller);
        assertThat(report).containsEntry("ordersPaidFromHolds", 1).containsEntry("unitsSold", 1).containsEntry("attempts", 1)
                .containsEntry("soldOutAnswers", 0).containsEntry("revenue", Map.of("amountMinor", 4900, "currency", "USD"));
        assertThat(report.get("soldOutAt")).isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mine = (List<Map<String, Object>>) calls.get(BASE, seller).get("items");
        assertThat(mine).extracting(s -> s.get("id")).containsExactly(sale);

        String csv = calls.csv(BASE + "/" + sale + ".csv", seller);
        assertThat(csv).startsWith("id,name,variant_id,merchant_id,state,").contains(sale + ",Midnight drop,");
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(calls.csv(BASE + ".csv", seller).split("\r\n")).hasSize(2);

        // Another merchant's seller, and bad ids: not found; wrong roles: forbidden.
        calls.call(HttpMethod.GET, BASE + "/" + sale, calls.seller(rows.merchant()), null).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("flash_sale_not_found");
        calls.call(HttpMethod.GET, BASE + "/not-a-sale", admin, null).expectStatus().isNotFound();
        calls.call(HttpMethod.GET, BASE + "/" + UUID.randomUUID(), admin, null).expectStatus().isNotFound();
        calls.call(HttpMethod.GET, BASE + "/" + sale, token, null).expectStatus().isForbidden();
        calls.call(HttpMethod.GET, BASE + "?limit=500", admin, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        calls.call(HttpMethod.GET, BASE + "?cursor=abc.def", admin, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
    }
}
