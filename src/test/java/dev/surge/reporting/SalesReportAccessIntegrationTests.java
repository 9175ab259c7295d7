package dev.surge.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.reporting.ReportFixtures.Line;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Who may read which report, the CSV forms, the seller's own export, and bad parameters answered with 400s. */
class SalesReportAccessIntegrationTests extends dev.surge.support.IntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;

    ReportFixtures fixtures;
    UUID shopA;
    UUID shopB;
    String sellerA;

    @BeforeEach
    void setUp() {
        fixtures = new ReportFixtures(db, http, accessTokens);
        shopA = fixtures.rows.merchant();
        shopB = fixtures.rows.merchant();
        sellerA = fixtures.token("SELLER", shopA);
    }

    @Test
    void aSellerReadsOnlyItsOwnMerchantAndFinanceOnlyTheMoneyReports() {
        String own = "/api/v1/merchants/" + shopA + "/reports";
        String other = "/api/v1/merchants/" + shopB + "/reports";
        // Its own, whatever merchant it names in the parameters.
        get(own + "/sales?merchant=" + shopB, sellerA).expectStatus().isOk()
                .expectBody().jsonPath("$.range.merchantId").isEqualTo(shopA.toString());
        for (String path : List.of("/sales", "/sales.csv", "/sales/products", "/sales/categories.csv", "/customers")) {
            get(own + path, sellerA).expectStatus().isOk();
            get(other + path, sellerA).expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
        }
        get("/api/v1/merchants/not-a-merchant/reports/sales", sellerA).expectStatus().isNotFound();
        get("/api/v1/merchants/" + shopB + "/order-lines/export.csv", sellerA).expectStatus().isNotFound();
        // Not the back office's reports.
        get("/api/v1/admin/reports/sales?merchant=" + shopA, sellerA).expectStatus().isForbidden();
        get("/api/v1/admin/reports/sales/merchants", sellerA).expectStatus().isForbidden();
        String customer = fixtures.tokenOf(fixtures.customer());
        get("/api/v1/admin/reports/sales", customer).expectStatus().isForbidden();
        get(own + "/sales", customer).expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/reports/sales").exchange().expectStatus().isUnauthorized();
        // Finance reads the money reports, not the customers one.
        String finance = fixtures.token("FINANCE", null);
        get("/api/v1/admin/reports/sales", finance).expectStatus().isOk();
        get("/api/v1/admin/reports/sales/products?by=revenue", finance).expectStatus().isOk();
        get("/api/v1/admin/reports/customers", finance).expectStatus().isForbidden();
        get("/api/v1/admin/reports/customers", fixtures.token("ADMIN", null)).expectStatus().isOk();
        get("/api/v1/admin/reports/conversion", finance).expectStatus().isForbidden();
        get("/api/v1/admin/reports/conversion.csv", fixtures.token("ADMIN", null)).expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).startsWith("period,currency,checkouts,paid,rate"));
    }

    @Test
    void everyReportIsAlsoCsvAndASellerExportsOnlyItsOwnLinesAudited() {
        String admin = fixtures.token("ADMIN", null);
        String csv = get("/api/v1/admin/reports/sales.csv?merchant=" + shopA, admin).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("period,currency,orders,units,gross,discounts,tax,shipping,refunds,total,net,"
                + "average_order_value\r\n");
        String negotiated = http.get().uri("/api/v1/admin/reports/sales/products").accept(new MediaType("text", "csv"))
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(negotiated).startsWith("product_id,title,category_id,merchant_id,currency,orders,units,gross,revenue");

        UUID lamp = fixtures.rows.variantOf(shopA, 10, 1999, "USD", null).id();
        UUID mug = fixtures.rows.variantOf(shopB, 10, 500, "USD", null).id();
        Map<String, Object> order = fixtures.order(fixtures.tokenOf(fixtures.customer()),
                List.of(new Line(mug, 1), new Line(lamp, 2)));
        String export = get("/api/v1/merchants/" + shopA + "/order-lines/export.csv", sellerA).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = export.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("order_number,order_id,placed_at,status,currency,line_no,sku,product_title,"
                + "variant_title,quantity,unit_price,line_total,line_tax,order_refunded");
        assertThat(lines[1]).startsWith(order.get("number") + "," + order.get("id")).contains(",2,19.99,39.98,")
                .doesNotContain("@example.com");
        long audited = db.sql("SELECT count(*) FROM audit_log WHERE action = 'orders.seller_exported' AND details->>'merchantId' = :m")
                .bind("m", shopA.toString()).map(row -> row.get(0, Long.class)).one().block();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void badParametersAreProblemsAndNothingElse() {
        String admin = fixtures.token("ADMIN", null);
        for (String query : List.of("from=2026-13-01", "to=yesterday", "from=2026-05-02&to=2026-05-01",
                "from=2020-01-01&to=2026-01-01", "interval=year", "currency=usd", "currency=EURO", "merchant=shop-a",
                "from=2026-01-01&from=2026-02-01")) {
            get("/api/v1/admin/reports/sales?" + query, admin).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        }
        for (String query : List.of("by=price", "limit=0", "limit=101", "limit=ten")) {
            get("/api/v1/admin/reports/sales/products?" + query, admin).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        get("/api/v1/merchants/" + shopA + "/reports/customers.csv?from=2026-02-30", sellerA).expectStatus()
                .isBadRequest();
        get("/api/v1/admin/reports/sales?from=2026-05-01&to=2026-05-01&interval=MONTH", admin).expectStatus().isOk()
                .expectBody().jsonPath("$.range.interval").isEqualTo("month");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec get(String path, String token) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }
}
