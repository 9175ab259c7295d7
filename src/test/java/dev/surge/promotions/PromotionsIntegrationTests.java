package dev.surge.promotions;

import static dev.surge.promotions.PromotionFixtures.checkout;
import static dev.surge.promotions.PromotionFixtures.code;
import static dev.surge.promotions.PromotionFixtures.line;
import static dev.surge.promotions.PromotionFixtures.minor;
import static dev.surge.promotions.PromotionFixtures.percentCode;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Promotions over HTTP: who may manage them, what a cart shows (the discount, or why a code does not apply),
 * and how a discount flows into the order, its tax, its invoice and its refunds.
 */
class PromotionsIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

    PromotionFixtures fixtures;
    String admin;

    @BeforeEach
    void setUp() {
        fixtures = new PromotionFixtures(db, http, new TestTokens(accessTokens));
        admin = fixtures.admin();
    }

    @Test
    void administratorsManageEveryPromotionAndSellersOnlyTheirMerchants() {
        String code = code();
        Map<String, Object> made = fixtures.promotion(admin, percentCode(code.toLowerCase(), 10));
        assertThat(made).containsEntry("code", code).containsEntry("automatic", false).containsEntry("active", true)
                .containsEntry("scope", "CART").containsEntry("redeemed", 0);
        // Codes are case-insensitive: the same letters again are taken.
        fixtures.call(HttpMethod.POST, "/api/v1/admin/promotions", admin, percentCode(code, 5))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("coupon_code_taken");

        var mine = fixtures.variant(10, 1000);
        var theirs = fixtures.variant(10, 1000);
        String seller = fixtures.seller(accessTokens, mine.merchant());
        Map<String, Object> own = new HashMap<>(Map.of("name", "Our lamps", "kind", "FIXED_AMOUNT",
                "amountsOff", Map.of("USD", 300), "scope", "PRODUCTS", "scopeIds", List.of(mine.product().toString())));
        String base = "/api/v1/merchants/" + mine.merchant() + "/promotions";
        Map<String, Object> sellers = fixtures.call(HttpMethod.POST, base, seller, own).expectStatus().isCreated()
                .expectBody(PromotionFixtures.JSON).returnResult().getResponseBody();
        assertThat(sellers).containsEntry("merchantId", mine.merchant().toString()).containsEntry("automatic", true);
        // Another merchant's routes, the platform's routes, and customers: refused.
        fixtures.call(HttpMethod.POST, "/api/v1/merchants/" + theirs.merchant() + "/promotions", seller, own)
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
        fixtures.call(HttpMethod.GET, "/api/v1/admin/promotions/" + made.get("id"), seller, null).expectStatus().isForbidden();
        fixtures.call(HttpMethod.GET, base + "/" + made.get("id"), seller, null)
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("promotion_not_found");
        fixtures.call(HttpMethod.GET, base, fixtures.customer().token(), null).expectStatus().isForbidden();
        // Sellers may not give free shipping (the whole order's); every broken field is named.
        fixtures.call(HttpMethod.POST, base, seller, Map.of("name", "x", "kind", "FREE_SHIPPING")).expectStatus()
                .isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
        fixtures.call(HttpMethod.POST, base, seller, Map.of("name", "", "kind", "PERCENTAGE", "percentOff", 101,
                        "endsAt", Instant.now().minusSeconds(10).toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.length()").isEqualTo(3);
        http.post().uri(base).headers(h -> h.setBearerAuth(seller)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        fixtures.call(HttpMethod.GET, base + "/not-a-uuid", seller, null).expectStatus().isNotFound();

        Map<String, Object> listed = fixtures.ok(fixtures.call(HttpMethod.GET, base, seller, null));
        assertThat((List<?>) listed.get("items")).hasSize(1);
        Map<String, Object> changed = fixtures.ok(fixtures.call(HttpMethod.PATCH, base + "/" + sellers.get("id"), seller,
                Map.of("amountsOff", Map.of("USD", 250, "EUR", 200), "redemptionCap", 5)));
        assertThat(changed).containsEntry("redemptionCap", 5).containsEntry("version", 1);
        assertThat(changed.get("amountsOff")).isEqualTo(Map.of("USD", 250, "EUR", 200));
        fixtures.call(HttpMethod.PATCH, base + "/" + sellers.get("id"), seller, Map.of("code", "NEWCODE"))
                .expectStatus().isBadRequest();
        Map<String, Object> ended = fixtures.ok(fixtures.call(HttpMethod.POST, base + "/" + sellers.get("id") + "/deactivate",
                seller, null));
        assertThat(ended).containsEntry("active", false);
        fixtures.call(HttpMethod.PATCH, base + "/" + sellers.get("id"), seller, Map.of("name", "again"))
                .expectStatus().isEqualTo(409);
        // Administrators reach the merchant's promotion too; every change is audited.
        fixtures.ok(fixtures.call(HttpMethod.GET, "/api/v1/admin/promotions/" + sellers.get("id"), admin, null));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE subject_id = :id AND action LIKE 'promotion.%'",
                UUID.fromString(sellers.get("id").toString()))).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCartShowsTheDiscountOrWhyTheCodeDoesNotApply() {
        var lamp = fixtures.variant(10, 2000);
        var customer = fixtures.customer();
        fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/items", customer.token(),
                Map.of("variantId", lamp.variant().toString(), "quantity", 2)));
        String code = code();
        fixtures.promotion(admin, percentCode(code, 10));

        Map<String, Object> cart = fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/coupon", customer.token(),
                Map.of("code", " " + code.toLowerCase() + " ")));
        assertThat(minor(cart.get("subtotal"))).isEqualTo(4000);
        assertThat(minor(cart.get("discount"))).isEqualTo(400);
        assertThat(minor(cart.get("total"))).isEqualTo(3600);
        assertThat((Map<String, Object>) cart.get("coupon")).containsEntry("code", code).containsEntry("applied", true);
        assertThat(minor(((List<Map<String, Object>>) cart.get("items")).get(0).get("discount"))).isEqualTo(400);
        // Read again: the same, priced on the server.
        assertThat(fixtures.ok(fixtures.call(HttpMethod.GET, "/api/v1/cart", customer.token(), null))).isEqualTo(cart);

        Instant now = Instant.now();
        Map<String, Map<String, Object>> refusals = Map.of(
                "unknown", Map.of(),
                "minimum_not_met", Map.of("minimumSubtotal", Map.of("USD", 5000)),
                "expired", Map.of("startsAt", now.minusSeconds(7200).toString(), "endsAt", now.minusSeconds(3600).toString()),
                "not_started", Map.of("startsAt", now.plusSeconds(3600).toString()),
                "not_applicable", Map.of("scope", "CATEGORIES", "scopeIds", List.of(UUID.randomUUID().toString())));
        refusals.forEach((reason, fields) -> {
            String other = code();
            if (!reason.equals("unknown")) {
                Map<String, Object> body = new HashMap<>(percentCode(other, 10));
                body.putAll(fields);
                fixtures.promotion(admin, body);
            }
            Map<String, Object> refused = fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/coupon",
                    customer.token(), Map.of("code", other)));
            assertThat((Map<String, Object>) refused.get("coupon")).as(reason).containsEntry("applied", false)
                    .containsEntry("reason", reason);
            assertThat(minor(refused.get("discount"))).isZero();
        });
        fixtures.call(HttpMethod.POST, "/api/v1/cart/coupon", customer.token(), Map.of("code", "x"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        Map<String, Object> removed = fixtures.ok(fixtures.call(HttpMethod.DELETE, "/api/v1/cart/coupon", customer.token(), null));
        assertThat(removed.get("coupon")).isNull();
        assertThat(minor(removed.get("total"))).isEqualTo(4000);
    }

    @Test
    void guessingCodesIsCutOffPerAccount() {
        var customer = fixtures.customer();
        fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/items", customer.token(),
                Map.of("variantId", fixtures.variant(10, 1000).variant().toString(), "quantity", 1)));
        for (int i = 0; i < 10; i++) {
            fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/coupon", customer.token(), Map.of("code", code())));
        }
        fixtures.call(HttpMethod.POST, "/api/v1/cart/coupon", customer.token(), Map.of("code", code()))
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
    }

    @Test
    void aCodeThatDoesNotApplyFailsTheCheckoutWithItsReasonAndHoldsNothing() {
        var lamp = fixtures.variant(10, 2000);
        var customer = fixtures.customer();
        String expired = code();
        Map<String, Object> body = new HashMap<>(percentCode(expired, 10));
        body.put("startsAt", Instant.now().minusSeconds(7200).toString());
        body.put("endsAt", Instant.now().minusSeconds(3600).toString());
        fixtures.promotion(admin, body);
        fixtures.call(HttpMethod.POST, "/api/v1/orders", customer.token(), checkout(expired, List.of(line(lamp.variant(), 1))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("coupon_expired");
        fixtures.call(HttpMethod.POST, "/api/v1/orders", customer.token(), checkout(code(), List.of(line(lamp.variant(), 1))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("coupon_unknown");
        fixtures.call(HttpMethod.POST, "/api/v1/orders", customer.token(), checkout("no", List.of(line(lamp.variant(), 1))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("couponCode");
        assertThat(fixtures.count("SELECT count(*) FROM orders WHERE customer_id = :id", customer.id())).isZero();
        assertThat(fixtures.count("SELECT coalesce(sum(reserved), 0) FROM inventory_stock WHERE variant_id = :id",
                lamp.variant())).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDiscountIsWrittenPerLineAndTaxInvoiceAndRefundsFollowIt() {
        var lamp = fixtures.variant(10, 2000);
        var shade = fixtures.variantOf(lamp.merchant(), 10, 500);
        var customer = fixtures.customer();
        String code = code();
        Map<String, Object> fields = new HashMap<>(percentCode(code, 25));
        fields.put("scope", "PRODUCTS");
        fields.put("scopeIds", List.of(lamp.product().toString()));
        Map<String, Object> promotion = fixtures.promotion(admin, fields);
        fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/items", customer.token(),
                Map.of("variantId", lamp.variant().toString(), "quantity", 2)));
        fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/items", customer.token(),
                Map.of("variantId", shade.variant().toString(), "quantity", 1)));
        fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/cart/coupon", customer.token(), Map.of("code", code)));

        Map<String, Object> order = fixtures.call(HttpMethod.POST, "/api/v1/orders", customer.token(), checkout(null, null))
                .expectStatus().isCreated().expectBody(PromotionFixtures.JSON).returnResult().getResponseBody();
        // Lamps 2 x 20.00 less 25 % = 30.00, shade 5.00: subtotal 35.00; tax 7.25 % per line on what is paid:
        // 2.18 + 0.36; shipping 5.00 (under the free threshold); total 42.54.
        assertThat(minor(order.get("discount"))).isEqualTo(1000);
        assertThat(order.get("couponCode")).isEqualTo(code);
        assertThat(minor(order.get("subtotal"))).isEqualTo(3500);
        assertThat(minor(order.get("tax"))).isEqualTo(254);
        assertThat(minor(order.get("shipping"))).isEqualTo(500);
        assertThat(minor(order.get("total"))).isEqualTo(4254);
        List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get("lines");
        Map<String, Object> lampLine = lines.stream().filter(l -> l.get("variantId").equals(lamp.variant().toString()))
                .findFirst().orElseThrow();
        assertThat(minor(lampLine.get("unitPrice"))).isEqualTo(2000);
        assertThat(minor(lampLine.get("discount"))).isEqualTo(1000);
        assertThat(minor(lampLine.get("lineTotal"))).isEqualTo(3000);
        assertThat(minor(lampLine.get("tax"))).isEqualTo(218);
        assertThat(fixtures.redeemed(promotion.get("id"))).isEqualTo(1);
        assertThat(fixtures.ok(fixtures.call(HttpMethod.GET, "/api/v1/orders/" + order.get("id"), customer.token(), null)))
                .isEqualTo(order);

        Map<String, Object> payment = pay(order, customer.token());
        await().atMost(Duration.ofSeconds(90)).until(() -> fixtures.count(
                "SELECT count(*) FROM invoices WHERE order_id = :id", UUID.fromString(order.get("id").toString())) == 1);
        String document = db.sql("SELECT document::text AS d FROM invoices WHERE order_id = :id")
                .bind("id", UUID.fromString(order.get("id").toString())).map(row -> row.get("d", String.class)).one().block();
        assertThat(document).contains("\"amountMinor\": 3000").contains("\"amountMinor\": 4254")
                .contains("(less discount 10.00)");

        // A partial refund of the discounted lamp line gives back what was paid for it (30.00 + 2.18 tax)...
        String finance = fixtures.tokens.as(fixtures.rows.user("FINANCE", null, "promo-finance"), "FINANCE");
        refund(payment.get("id"), finance, 3218).expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.count(
                "SELECT refunded_minor FROM orders WHERE id = :id", UUID.fromString(order.get("id").toString())) == 3218);
        // ...and never more than the discounted total.
        refund(payment.get("id"), finance, 4254 - 3218 + 1).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("over_refund");
    }

    @Test
    void theBestNonCombinablePromotionAppliesWithEveryCombinableOne() {
        var lamp = fixtures.variant(10, 10000);
        var customer = fixtures.customer();
        String merchant = lamp.merchant().toString();
        // Automatic ones are scoped to this test's merchant, so no other test's orders see them.
        Map<String, Object> fivePercent = fixtures.promotion(admin, Map.of("name", "Auto 5", "kind", "PERCENTAGE",
                "percentOff", 5, "scope", "MERCHANT", "scopeIds", List.of(merchant)));
        Map<String, Object> freeShipping = fixtures.promotion(admin, Map.of("name", "Ships free", "kind", "FREE_SHIPPING",
                "scope", "MERCHANT", "scopeIds", List.of(merchant), "combinable", true));
        String small = code();
        fixtures.promotion(admin, Map.of("name", "Small", "code", small, "kind", "FIXED_AMOUNT",
                "amountsOff", Map.of("USD", 100)));
        String big = code();
        fixtures.promotion(admin, percentCode(big, 20));

        // 5 % (5.00) beats the 1.00 code: the code is superseded, not an error; shipping is free (combinable).
        Map<String, Object> withSmall = fixtures.call(HttpMethod.POST, "/api/v1/orders", customer.token(),
                        checkout(small, List.of(line(lamp.variant(), 1))))
                .expectStatus().isCreated().expectBody(PromotionFixtures.JSON).returnResult().getResponseBody();
        assertThat(minor(withSmall.get("subtotal"))).isEqualTo(9500);
        assertThat(minor(withSmall.get("shipping"))).isZero();
        assertThat(minor(withSmall.get("discount"))).isEqualTo(500 + 500);
        assertThat(withSmall.get("couponCode")).isNull();
        // 20 % beats 5 %.
        Map<String, Object> withBig = fixtures.call(HttpMethod.POST, "/api/v1/orders", customer.token(),
                        checkout(big, List.of(line(lamp.variant(), 1))))
                .expectStatus().isCreated().expectBody(PromotionFixtures.JSON).returnResult().getResponseBody();
        assertThat(minor(withBig.get("subtotal"))).isEqualTo(8000);
        assertThat(withBig.get("couponCode")).isEqualTo(big);
        assertThat(fixtures.redeemed(fivePercent.get("id"))).isEqualTo(1);
        assertThat(fixtures.redeemed(freeShipping.get("id"))).isEqualTo(2);
        for (Object id : List.of(fivePercent.get("id"), freeShipping.get("id"))) {
            fixtures.ok(fixtures.call(HttpMethod.POST, "/api/v1/admin/promotions/" + id + "/deactivate", admin, null));
        }
    }

    Map<String, Object> pay(Map<String, Object> order, String token) {
        Map<String, Object> payment = fixtures.call(HttpMethod.POST, "/api/v1/payments", token,
                        Map.of("orderId", order.get("id").toString()))
                .expectStatus().isCreated().expectBody(PromotionFixtures.JSON).returnResult().getResponseBody();
        http.post().uri("/api/v1/sandbox/payments/" + payment.get("providerReference") + "/complete")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("outcome", "SUCCEED"))
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.count(
                "SELECT count(*) FROM orders WHERE id = :id AND status = 'PAID'", UUID.fromString(order.get("id").toString())) == 1);
        return payment;
    }

    org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec refund(Object paymentId, String finance,
            long amountMinor) {
        return http.post().uri("/api/v1/payments/" + paymentId + "/refunds").headers(h -> {
            h.setBearerAuth(finance);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", amountMinor)).exchange();
    }

    /**
     * A code entered as a guest goes with the lines when the shopper signs in, is written behind with the signed-in
     * cart, and comes back with it when Redis loses the cart.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCouponStaysOnTheCartThroughSignInAndALossOfTheCartInRedis() {
        var lamp = fixtures.variant(10, 2000);
        String code = code();
        fixtures.promotion(admin, percentCode(code, 10));
        var added = http.post().uri("/api/v1/cart/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variantId", lamp.variant().toString(), "quantity", 1)).exchange()
                .expectStatus().isOk().returnResult(String.class);
        String guestToken = added.getResponseHeaders().getFirst("X-Cart-Token");
        assertThat(guestToken).isNotBlank();
        http.post().uri("/api/v1/cart/coupon").header("X-Cart-Token", guestToken).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk();

        var customer = fixtures.customer();
        Map<String, Object> merged = http.post().uri("/api/v1/cart/merge").headers(h -> {
                    h.setBearerAuth(customer.token());
                    h.set("X-Cart-Token", guestToken);
                }).exchange().expectStatus().isOk().expectBody(PromotionFixtures.JSON).returnResult().getResponseBody();
        assertThat((Map<String, Object>) merged.get("coupon")).containsEntry("code", code).containsEntry("applied", true);
        assertThat(minor(merged.get("discount"))).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.sql(
                        "SELECT coupon_code FROM carts WHERE user_id = :user").bind("user", customer.id())
                .map(row -> row.get("coupon_code", String.class)).one().blockOptional()).contains(code));
        redis.delete("surge:cart:{u:" + customer.id() + "}").block();
        Map<String, Object> restored = fixtures.ok(fixtures.call(HttpMethod.GET, "/api/v1/cart", customer.token(), null));
        assertThat((Map<String, Object>) restored.get("coupon")).containsEntry("code", code).containsEntry("applied", true);
        assertThat(minor(restored.get("total"))).isEqualTo(1800);

        // Taking the code off is written behind too: a later loss brings the cart back without it.
        fixtures.ok(fixtures.call(HttpMethod.DELETE, "/api/v1/cart/coupon", customer.token(), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.sql(
                        "SELECT coupon_code FROM carts WHERE user_id = :user").bind("user", customer.id())
                .map(row -> java.util.Optional.ofNullable(row.get("coupon_code", String.class))).one().block()).isEmpty());
        redis.delete("surge:cart:{u:" + customer.id() + "}").block();
        assertThat(fixtures.ok(fixtures.call(HttpMethod.GET, "/api/v1/cart", customer.token(), null)).get("coupon")).isNull();
    }
}
