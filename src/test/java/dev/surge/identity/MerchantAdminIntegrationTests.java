package dev.surge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.CatalogRows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The merchant back office: admins list, read, update, suspend and reinstate merchants; a suspended merchant's
 * products leave the storefront (pages, lists, search), its sellers cannot manage them, its orders stay as they were.
 */
class MerchantAdminIntegrationTests extends dev.surge.support.IntegrationTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;

    CatalogRows rows;
    String admin;

    @BeforeEach
    void setUp() {
        rows = new CatalogRows(db);
        admin = token(UUID.randomUUID(), "ADMIN", null);
    }

    @Test
    void suspensionTakesProductsOffTheStorefrontAndBlocksSellersUntilReinstated() {
        UUID merchant = rows.merchant();
        CatalogRows.Variant variant = rows.variantOf(merchant, 3, 1_500, "USD", null);
        String word = "suspendable" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).replaceAll("[0-9]", "x");
        UUID product = db.sql("UPDATE products SET title = :title FROM product_variants v WHERE v.id = :v "
                        + "AND products.id = v.product_id RETURNING products.id")
                .bind("title", "Lamp " + word).bind("v", variant.id())
                .map(row -> row.get("id", UUID.class)).one().block();
        UUID category = db.sql("SELECT category_id FROM products WHERE id = :id").bind("id", product)
                .map(row -> row.get("category_id", UUID.class)).one().block();
        String seller = token(rows.user("SELLER", merchant, "seller"), "SELLER", merchant);
        UUID pendingOrder = pendingOrderOf(variant, product);

        // shown, cached, and managed by its seller
        http.get().uri("/api/v1/products/{id}", product).exchange().expectStatus().isOk();
        assertThat(ids("/api/v1/products?category=" + category)).containsExactly(product.toString());
        assertThat(ids("/api/v1/search?q=" + word)).containsExactly(product.toString());
        asSeller(seller, merchant, product).expectStatus().isOk();

        post(admin, "/api/v1/admin/merchants/{id}/suspend", merchant).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUSPENDED");

        await().atMost(EVENTUALLY).untilAsserted(() ->
                http.get().uri("/api/v1/products/{id}", product).exchange().expectStatus().isNotFound());
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(ids("/api/v1/products?category=" + category)).isEmpty());
        assertThat(ids("/api/v1/search?q=" + word)).isEmpty();
        asSeller(seller, merchant, product).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.patch().uri("/api/v1/merchants/{m}/products/{p}", merchant, product).header("Authorization", "Bearer " + seller)
                .header("If-Match", "*").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "Renamed")).exchange()
                .expectStatus().isForbidden();
        assertThat(db.sql("SELECT title FROM products WHERE id = :id").bind("id", product)
                .map(row -> row.get("title", String.class)).one().block()).isEqualTo("Lamp " + word);
        // admins still reach it; the pending order is untouched
        asSeller(admin, merchant, product).expectStatus().isOk();
        assertThat(db.sql("SELECT status FROM orders WHERE id = :id").bind("id", pendingOrder)
                .map(row -> row.get("status", String.class)).one().block()).isEqualTo("PENDING_PAYMENT");
        assertThat(audited(merchant)).contains("merchant.updated", "merchant.suspended");

        // suspending twice changes nothing more
        post(admin, "/api/v1/admin/merchants/{id}/suspend", merchant).expectStatus().isOk();
        assertThat(audited(merchant)).filteredOn("merchant.suspended"::equals).hasSize(1);

        post(admin, "/api/v1/admin/merchants/{id}/reinstate", merchant).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(ids("/api/v1/products?category=" + category)).containsExactly(product.toString()));
        http.get().uri("/api/v1/products/{id}", product).exchange().expectStatus().isOk();
        asSeller(seller, merchant, product).expectStatus().isOk();
        assertThat(audited(merchant)).contains("merchant.reinstated");
    }

    @Test
    void adminsListReadAndUpdateMerchantsAndNobodyElseDoes() {
        UUID merchant = rows.merchant();
        String slug = db.sql("SELECT slug FROM merchants WHERE id = :id").bind("id", merchant)
                .map(row -> row.get("slug", String.class)).one().block();

        http.get().uri("/api/v1/admin/merchants/{id}", merchant).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.slug").isEqualTo(slug).jsonPath("$.status").isEqualTo("ACTIVE");
        assertThat(listed("/api/v1/admin/merchants?q=" + slug)).containsExactly(merchant.toString());
        assertThat(listed("/api/v1/admin/merchants?status=suspended&q=" + slug)).isEmpty();
        http.get().uri("/api/v1/admin/merchants?limit=1").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.nextCursor").isNotEmpty();

        patch(admin, merchant, Map.of("name", "Renamed shop", "contactEmail", "orders@example.com"))
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Renamed shop")
                .jsonPath("$.contactEmail").isEqualTo("orders@example.com").jsonPath("$.status").isEqualTo("ACTIVE");
        patch(admin, merchant, Map.of("contactEmail", "")).expectStatus().isOk()
                .expectBody().jsonPath("$.contactEmail").doesNotExist();
        assertThat(audited(merchant)).filteredOn("merchant.updated"::equals).hasSize(2);

        // bad input: a problem, and nothing written
        patch(admin, merchant, Map.of("status", "DELETED")).expectStatus().isBadRequest();
        patch(admin, merchant, Map.of("name", "   ")).expectStatus().isBadRequest();
        patch(admin, merchant, Map.of("contactEmail", "not an email")).expectStatus().isBadRequest();
        patch(admin, merchant, Map.of("name", 42, "status", List.of())).expectStatus().isBadRequest();
        http.patch().uri("/api/v1/admin/merchants/{id}", merchant).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        patch(admin, Ids.newId(), Map.of("name", "Nobody")).expectStatus().isNotFound();
        http.get().uri("/api/v1/admin/merchants/not-a-uuid").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isNotFound();
        post(admin, "/api/v1/admin/merchants/{id}/suspend", Ids.newId()).expectStatus().isNotFound();
        http.get().uri("/api/v1/admin/merchants?status=GONE").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/v1/admin/merchants?cursor=forged").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isBadRequest();
        assertThat(audited(merchant)).filteredOn("merchant.updated"::equals).hasSize(2);

        // sellers (even the merchant's own) and customers are not staff
        String seller = token(rows.user("SELLER", merchant, "seller"), "SELLER", merchant);
        post(seller, "/api/v1/admin/merchants/{id}/suspend", merchant).expectStatus().isForbidden();
        patch(token(UUID.randomUUID(), "CUSTOMER", null), merchant, Map.of("name", "Mine")).expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/merchants").exchange().expectStatus().isUnauthorized();
        assertThat(db.sql("SELECT status FROM merchants WHERE id = :id").bind("id", merchant)
                .map(row -> row.get("status", String.class)).one().block()).isEqualTo("ACTIVE");
    }

    private UUID pendingOrderOf(CatalogRows.Variant variant, UUID product) {
        UUID order = Ids.newId();
        UUID customer = rows.user("CUSTOMER", null, "buyer");
        db.sql("""
                INSERT INTO orders (id, number, customer_id, idempotency_scope, idempotency_key, status, currency,
                                    item_count, subtotal_minor, tax_minor, shipping_minor, total_minor,
                                    prices_include_tax, tax_rate, shipping_address, billing_address, expires_at)
                VALUES (:id, :number, :customer, 'test', :key, 'PENDING_PAYMENT', 'USD', 1, 1500, 0, 0, 1500, true, 0,
                        '{}', '{}', now() + interval '1 hour')""")
                .bind("id", order).bind("number", "T-" + order).bind("customer", customer).bind("key", order.toString())
                .then().block();
        db.sql("""
                INSERT INTO order_lines (order_id, line_no, variant_id, product_id, merchant_id, sku, product_title,
                                         variant_title, quantity, unit_price_minor, line_total_minor, tax_minor, created_at)
                VALUES (:order, 1, :variant, :product, :merchant, 'SKU', 'Lamp', 'Brass', 1, 1500, 1500, 0, now())""")
                .bind("order", order).bind("variant", variant.id()).bind("product", product)
                .bind("merchant", variant.merchantId()).then().block();
        return order;
    }

    private WebTestClient.ResponseSpec asSeller(String token, UUID merchant, UUID product) {
        return http.get().uri("/api/v1/merchants/{m}/products/{p}", merchant, product)
                .header("Authorization", "Bearer " + token).exchange();
    }

    private WebTestClient.ResponseSpec post(String token, String uri, UUID id) {
        return http.post().uri(uri, id).header("Authorization", "Bearer " + token).exchange();
    }

    private WebTestClient.ResponseSpec patch(String token, UUID merchant, Object body) {
        return http.patch().uri("/api/v1/admin/merchants/{id}", merchant).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<String> audited(UUID merchant) {
        return db.sql("SELECT action FROM audit_log WHERE subject_id = :id ORDER BY occurred_at")
                .bind("id", merchant).map(row -> row.get("action", String.class)).all().collectList().block();
    }

    private List<Object> ids(String uri) {
        return items(http.get().uri(uri).exchange());
    }

    private List<Object> listed(String uri) {
        return items(http.get().uri(uri).header("Authorization", "Bearer " + admin).exchange());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> items(WebTestClient.ResponseSpec response) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) response.expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("items");
        return items.stream().map(item -> item.get("id")).toList();
    }

    private String token(UUID user, String role, UUID merchant) {
        return accessTokens.issue(user, UUID.randomUUID(), role, merchant).block().value();
    }
}
