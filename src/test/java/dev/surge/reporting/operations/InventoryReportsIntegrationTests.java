package dev.surge.reporting.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** The inventory reports over HTTP: stock, the ledger of a scripted sequence, sell-through, access, bad input, CSV. */
class InventoryReportsIntegrationTests extends IntegrationTest {

    private static final String BASE = "/api/v1/admin/reports/inventory";

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    ReportCalls calls;
    CatalogRows rows;
    UUID adminId;
    String admin;

    @BeforeEach
    void setUp() {
        calls = new ReportCalls(http, accessTokens);
        rows = new CatalogRows(db);
        adminId = UUID.randomUUID();
        admin = calls.admin(adminId);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void theLedgerShowsEveryChangeOfAScriptedSequenceInOrderWithItsReason() {
        UUID variant = rows.variant(10, 3000, "USD", null).id();
        calls.adjust(variant, 5, "Restock from the supplier", admin);
        String customer = calls.customer(rows.user("CUSTOMER", null, "ledger"));
        String cancelled = calls.order(customer, variant, 2);
        calls.call(HttpMethod.POST, "/api/v1/orders/" + cancelled + "/cancel", customer, Map.of("reason", "changed my mind"))
                .expectStatus().isOk();
        String paid = calls.order(customer, variant, 1);
        calls.call(HttpMethod.POST, "/api/v1/admin/orders/" + paid + "/status", admin, Map.of("status", "PAID"))
                .expectStatus().isOk();
        calls.call(HttpMethod.POST, "/api/v1/orders/" + paid + "/cancel", customer, null).expectStatus().isOk();
        String sale = calls.flashSale(variant, 3, 1, admin);
        calls.call(HttpMethod.POST, "/api/v1/flash-sales/" + sale + "/reservations", calls.customer(UUID.randomUUID()),
                Map.of("quantity", 1)).expectStatus().isCreated();

        // The hold lasts a second; the expiry job returns it to the sale's pool.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                items(calls.get(BASE + "/movements?variant=" + variant + "&reason=expired", admin)).size() == 1);
        List<Map<String, Object>> ledger = items(calls.get(BASE + "/movements?variant=" + variant, admin));

        assertThat(ledger).extracting(m -> m.get("reason")).containsExactly("opening_balance", "adjustment", "reserved",
                "released", "reserved", "sale", "return", "flash_sale_pool", "flash_claim", "expired");
        assertThat(ledger).extracting(m -> m.get("onHandDelta")).containsExactly(10, 5, 0, 0, 0, -1, 1, 0, 0, 0);
        assertThat(ledger).extracting(m -> m.get("reservedDelta")).containsExactly(0, 0, 2, -2, 1, -1, 0, 3, 0, 0);
        assertThat(ledger).extracting(m -> m.get("onHand")).containsExactly(10, 15, 15, 15, 15, 14, 15, 15, 15, 15);
        assertThat(ledger.get(1)).containsEntry("actor", adminId.toString()).containsEntry("note", "Restock from the supplier");
        assertThat(ledger.subList(2, 4)).allSatisfy(m -> assertThat(m).containsEntry("orderId", cancelled));
        assertThat(ledger.subList(4, 7)).allSatisfy(m -> assertThat(m).containsEntry("orderId", paid));
        assertThat(ledger.subList(7, 10)).allSatisfy(m -> assertThat(m).containsEntry("flashSaleId", sale));
        assertThat(ledger.get(8).get("reservationId")).isNotNull().isEqualTo(ledger.get(9).get("reservationId"));
        assertThat(ledger.get(8)).containsEntry("units", 1);

        // The ledger agrees with the stock row: the levels after its last entry are today's.
        Map<String, Object> level = calls.get("/api/v1/admin/inventory/" + variant, admin);
        assertThat(ledger.get(9)).containsEntry("onHand", level.get("onHand")).containsEntry("reserved", level.get("reserved"));
        long summed = db.sql("SELECT sum(delta) AS d FROM stock_movements WHERE variant_id = :v").bind("v", variant)
                .map(row -> row.get("d", Long.class)).one().block();
        assertThat(summed).isEqualTo(((Number) level.get("onHand")).longValue());

        // Pages follow each other by cursor without gaps or repeats.
        Map<String, Object> first = calls.get(BASE + "/movements?variant=" + variant + "&limit=4", admin);
        Map<String, Object> second = calls.get(BASE + "/movements?variant=" + variant + "&limit=4&cursor=" + first.get("nextCursor"), admin);
        assertThat(items(first)).extracting(m -> m.get("id")).containsExactlyElementsOf(ledger.subList(0, 4).stream().map(m -> m.get("id")).toList());
        assertThat(items(second)).extracting(m -> m.get("id")).containsExactlyElementsOf(ledger.subList(4, 8).stream().map(m -> m.get("id")).toList());
    }

    @Test
    void stockAndSellThroughAgreeWithSqlAndASellerSeesOnlyItsOwn() {
        UUID merchant = rows.merchant();
        UUID lamp = rows.variantOf(merchant, 20, 3000, "USD", null).id();
        UUID shade = rows.variantOf(merchant, 3, 1000, "USD", null).id();
        UUID elsewhere = rows.variant(50, 1000, "USD", null).id();
        Instant start = Instant.now().minusSeconds(1);
        String customer = calls.customer(rows.user("CUSTOMER", null, "stock"));
        String paid = calls.order(customer, lamp, 4);
        calls.call(HttpMethod.POST, "/api/v1/admin/orders/" + paid + "/status", admin, Map.of("status", "PAID")).expectStatus().isOk();
        calls.order(customer, shade, 2);
        calls.adjust(elsewhere, 1, "count", admin);

        String seller = calls.seller(merchant);
        List<Map<String, Object>> stock = items(calls.get(BASE + "/stock", seller));
        assertThat(stock).extracting(s -> s.get("variantId")).containsExactlyInAnyOrder(lamp.toString(), shade.toString());
        Map<String, Object> lampLine = stock.stream().filter(s -> s.get("variantId").equals(lamp.toString())).findFirst().orElseThrow();
        assertThat(lampLine).containsEntry("onHand", 16).containsEntry("reserved", 0).containsEntry("available", 16)
                .containsEntry("lowStock", false);
        Map<String, Object> shadeLine = stock.stream().filter(s -> s.get("variantId").equals(shade.toString())).findFirst().orElseThrow();
        assertThat(shadeLine).containsEntry("onHand", 3).containsEntry("reserved", 2).containsEntry("available", 1)
                .containsEntry("lowStock", true);
        assertThat(items(calls.get(BASE + "/stock?lowStock=true&threshold=1", seller))).isEmpty();
        long sqlAvailable = db.sql("""
                SELECT sum(s.on_hand - s.reserved) AS a FROM inventory_stock s JOIN product_variants v ON v.id = s.variant_id
                JOIN products p ON p.id = v.product_id WHERE p.merchant_id = :m""").bind("m", merchant)
                .map(row -> row.get("a", Long.class)).one().block();
        assertThat(stock.stream().mapToLong(s -> ((Number) s.get("available")).longValue()).sum()).isEqualTo(sqlAvailable);

        Map<String, Object> through = calls.get(BASE + "/sell-through?from=" + start + "&to=" + Instant.now().plusSeconds(1), seller);
        List<Map<String, Object>> products = items(through);
        assertThat(products).hasSize(2);
        assertThat(products.get(0)).containsEntry("unitsSold", 4).containsEntry("availableAtEnd", 16);
        assertThat(new BigDecimal(products.get(0).get("sellThrough").toString())).isEqualByComparingTo("0.2000");
        assertThat(products.get(1)).containsEntry("unitsSold", 0).containsEntry("availableAtEnd", 1);
        long sqlSold = db.sql("""
                SELECT coalesce(sum(-m.delta), 0) AS sold FROM stock_movements m JOIN product_variants v ON v.id = m.variant_id
                JOIN products p ON p.id = v.product_id WHERE p.merchant_id = :m AND m.reason = 'sale'""")
                .bind("m", merchant).map(row -> row.get("sold", Long.class)).one().block();
        assertThat(products.stream().mapToLong(p -> ((Number) p.get("unitsSold")).longValue()).sum()).isEqualTo(sqlSold);

        // Another merchant's figures: not found, whichever way they are asked for.
        UUID other = rows.merchant();
        calls.call(HttpMethod.GET, BASE + "/stock?merchant=" + other, seller, null).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
        calls.call(HttpMethod.GET, BASE + "/movements?variant=" + elsewhere, seller, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("variant_not_found");
        calls.call(HttpMethod.GET, BASE + "/stock", calls.customer(UUID.randomUUID()), null).expectStatus().isForbidden();
        calls.call(HttpMethod.GET, BASE + "/stock", calls.token(UUID.randomUUID(), "FINANCE", null), null).expectStatus().isForbidden();
        calls.call(HttpMethod.GET, BASE + "/stock", null, null).expectStatus().isUnauthorized();
        // Staff see any merchant's.
        assertThat(items(calls.get(BASE + "/stock?merchant=" + merchant, admin))).hasSize(2);
    }

    @Test
    void badInputIsAProblem() {
        for (String query : List.of("/stock?limit=0", "/stock?threshold=-1", "/stock?lowStock=maybe", "/stock?merchant=x",
                "/movements?from=yesterday", "/movements?variant=12", "/movements?reason=DROP%20TABLE",
                "/movements?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "/sell-through?from=2020-01-01T00:00:00Z",
                "/stock?cursor=forged")) {
            calls.call(HttpMethod.GET, BASE + query, admin, null).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").value(code -> assertThat(code).isIn("validation_failed", "invalid_cursor"));
        }
        calls.call(HttpMethod.GET, BASE + "/movements?variant=" + UUID.randomUUID(), admin, null).expectStatus().isNotFound();
        calls.call(HttpMethod.GET, BASE + "/stock?merchant=" + UUID.randomUUID(), admin, null).expectStatus().isNotFound();
    }

    @Test
    void csvExportsAreSafeAgainstFormulas() {
        UUID merchant = rows.merchant();
        UUID variant = rows.variantOf(merchant, 7, 3000, "USD", null).id();
        calls.adjust(variant, 2, "=HYPERLINK(\"http://evil.example\",\"click\")", admin);
        String seller = calls.seller(merchant);

        String ledger = calls.csv(BASE + "/movements.csv?variant=" + variant, seller);
        assertThat(ledger).startsWith("id,at,variant_id,sku,reason,");
        assertThat(ledger.split("\r\n")).hasSize(3);
        assertThat(ledger).contains(",adjustment,2,0,2,9,").contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")
                .doesNotContain(",=HYPERLINK");
        String viaAccept = http.get().uri(BASE + "/movements?variant=" + variant).headers(h -> h.setBearerAuth(seller))
                .accept(MediaType.parseMediaType("text/csv")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(viaAccept).isEqualTo(ledger);
        String stock = calls.csv(BASE + "/stock.csv", seller);
        assertThat(stock.split("\r\n")).hasSize(2);
        assertThat(stock).contains(variant + ",SKU-").contains(",9,0,9,");
        assertThat(calls.csv(BASE + "/sell-through.csv", seller)).startsWith("product_id,product,merchant_id,units_sold");
    }
}
