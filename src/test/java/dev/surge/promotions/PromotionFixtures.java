package dev.surge.promotions;

import dev.surge.support.CatalogRows;
import dev.surge.support.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Rows and calls the promotion tests share: variants, accounts, promotions, carts and checkouts over HTTP. */
final class PromotionFixtures {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    final DatabaseClient db;
    final WebTestClient http;
    final TestTokens tokens;
    final CatalogRows rows;

    PromotionFixtures(DatabaseClient db, WebTestClient http, TestTokens tokens) {
        this.db = db;
        this.http = http;
        this.tokens = tokens;
        this.rows = new CatalogRows(db);
    }

    /** A customer account and its token. */
    record Customer(UUID id, String token) {
    }

    Customer customer() {
        UUID id = rows.user("CUSTOMER", null, "promo");
        return new Customer(id, tokens.customer(id));
    }

    String admin() {
        return tokens.as(rows.user("ADMIN", null, "promo-admin"), "ADMIN");
    }

    /** A seller of {@code merchant}: the token carries the merchant, as sign-in gives it. */
    String seller(dev.surge.platform.security.AccessTokens accessTokens, UUID merchant) {
        return accessTokens.issue(rows.user("SELLER", merchant, "promo-seller"), UUID.randomUUID(), "SELLER", merchant)
                .block().value();
    }

    /** A product's id, its category's and its merchant's, for a variant. */
    record Product(UUID variant, UUID product, UUID category, UUID merchant) {
    }

    Product product(UUID variant) {
        return db.sql("SELECT v.id, p.id AS product, p.category_id, p.merchant_id FROM product_variants v "
                        + "JOIN products p ON p.id = v.product_id WHERE v.id = :v")
                .bind("v", variant)
                .map(row -> new Product(row.get("id", UUID.class), row.get("product", UUID.class),
                        row.get("category_id", UUID.class), row.get("merchant_id", UUID.class)))
                .one().block();
    }

    Product variant(int stock, long price) {
        return product(rows.variant(stock, price, "USD", null).id());
    }

    Product variantOf(UUID merchant, int stock, long price) {
        return product(rows.variantOf(merchant, stock, price, "USD", null).id());
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            if (method == HttpMethod.POST && (path.equals("/api/v1/orders") || path.equals("/api/v1/payments"))) {
                h.set("Idempotency-Key", UUID.randomUUID().toString());
            }
        });
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> ok(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    /** A platform promotion made by an administrator from these fields. */
    Map<String, Object> promotion(String admin, Map<String, Object> fields) {
        return call(HttpMethod.POST, "/api/v1/admin/promotions", admin, fields).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    static Map<String, Object> percentCode(String code, int percent) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", "Test " + code, "code", code, "kind", "PERCENTAGE",
                "percentOff", percent));
        return fields;
    }

    static String code() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    static Map<String, Object> address() {
        return Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way", "city", "Springfield",
                "postalCode", "12345", "country", "US", "region", "CA");
    }

    /** A checkout body: explicit lines (variant, quantity pairs) or the cart (none), and a code (null: none). */
    static Map<String, Object> checkout(String code, List<Map<String, Object>> lines) {
        Map<String, Object> body = new HashMap<>();
        body.put("shippingAddress", address());
        if (lines != null) {
            body.put("lines", lines);
        }
        if (code != null) {
            body.put("couponCode", code);
        }
        return body;
    }

    static Map<String, Object> line(UUID variant, int quantity) {
        return Map.of("variantId", variant.toString(), "quantity", quantity);
    }

    @SuppressWarnings("unchecked")
    static long minor(Object money) {
        return ((Number) ((Map<String, Object>) money).get("amountMinor")).longValue();
    }

    long count(String sql, Object id) {
        return db.sql(sql).bind("id", id).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    int redeemed(Object promotionId) {
        return db.sql("SELECT redeemed FROM promotions WHERE id = :id").bind("id", UUID.fromString(promotionId.toString()))
                .map(row -> row.get("redeemed", Integer.class)).one().block();
    }
}
