package dev.surge.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.persistence.Money;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Checkout and the order lifecycle over HTTP against real PostgreSQL, Redis and Kafka. */
class OrdersIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    OrdersApi ordersApi;

    @Autowired
    org.springframework.transaction.reactive.TransactionalOperator tx;

    @Autowired
    dev.surge.orders.data.OrderQueries queries;

    OrderFixtures fixtures;
    TestTokens tokens;
    String admin;

    @BeforeEach
    void setUp() {
        fixtures = new OrderFixtures(db);
        tokens = new TestTokens(accessTokens);
        admin = tokens.admin();
    }

    static Map<String, Object> address(String country, String region) {
        Map<String, Object> address = new HashMap<>(Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way",
                "city", "Springfield", "postalCode", "12345", "country", country));
        if (region != null) {
            address.put("region", region);
        }
        return address;
    }

    static Map<String, Object> checkoutBody(Object email, Map<String, Object> address, UUID variant, int quantity) {
        Map<String, Object> body = new HashMap<>();
        if (email != null) {
            body.put("email", email);
        }
        body.put("shippingAddress", address);
        if (variant != null) {
            body.put("lines", List.of(Map.of("variantId", variant.toString(), "quantity", quantity)));
        }
        return body;
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, String key, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            if (key != null) {
                h.set("Idempotency-Key", key);
            }
        });
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> checkout(String token, Object body) {
        return call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(), body)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    Map<String, Object> adminStatus(Object orderId, String status) {
        Map<String, Object> body = new HashMap<>(Map.of("status", status));
        if (status.equals("SHIPPED")) {
            body.put("carrier", "DHL");
            body.put("trackingNumber", "JD0123");
        }
        return call(HttpMethod.POST, "/api/v1/admin/orders/" + orderId + "/status", admin, null, body)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static long minor(Map<String, Object> order, String field) {
        return ((Number) ((Map<String, Object>) order.get(field)).get("amountMinor")).longValue();
    }

    @Test
    void aCustomerChecksOutTheirCartPricedOnTheServerAndTheCartLosesTheOrderedLines() {
        var lamp = fixtures.variant(10, 1999, "USD", 600);
        var shade = fixtures.variant(10, 500, "USD", null);
        UUID customer = fixtures.customer();
        String token = tokens.customer(customer);
        call(HttpMethod.POST, "/api/v1/cart/items", token, null, Map.of("variantId", lamp.id().toString(), "quantity", 2))
                .expectStatus().isOk();
        // The client claims a price: it is ignored, the catalog's is charged.
        Map<String, Object> body = checkoutBody(null, address("US", "CA"), null, 0);
        body.put("total", 1);
        Map<String, Object> order = checkout(token, body);

        assertThat(order.get("status")).isEqualTo("PENDING_PAYMENT");
        assertThat((String) order.get("number")).matches("SRG-[0-9A-Z]{10}");
        assertThat(order.get("email")).isEqualTo("buyer-" + customer + "@example.com");
        assertThat(minor(order, "subtotal")).isEqualTo(3998);
        assertThat(minor(order, "tax")).isEqualTo(290);      // 7.25 % of 3998, rounded half up
        assertThat(minor(order, "shipping")).isEqualTo(1000);  // 1.2 kg → 500 + 2 × 250
        assertThat(minor(order, "total")).isEqualTo(5288);
        assertThat(order.get("guestAccessToken")).isNull();
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(10, 2));

        // The shade added after the checkout read the cart stays in it; the ordered lamp is gone.
        call(HttpMethod.POST, "/api/v1/cart/items", token, null, Map.of("variantId", shade.id().toString(), "quantity", 1))
                .expectStatus().isOk();
        Map<String, Object> cart = call(HttpMethod.GET, "/api/v1/cart", token, null, null).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat((List<?>) cart.get("items")).hasSize(1);

        Map<String, Object> mine = call(HttpMethod.GET, "/api/v1/orders", token, null, null).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat((List<?>) mine.get("items")).hasSize(1);
        call(HttpMethod.GET, "/api/v1/orders/" + order.get("id"), token, null, null).expectStatus().isOk()
                .expectBody().jsonPath("$.history[0].to").isEqualTo("PENDING_PAYMENT")
                .jsonPath("$.lines[0].unitPrice.amountMinor").isEqualTo(1999);
        // The checkout's answer (built from what it wrote) is the order as it reads back, field for field.
        Map<String, Object> read = call(HttpMethod.GET, "/api/v1/orders/" + order.get("id"), token, null, null)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(read).isEqualTo(order);
    }

    @Test
    void taxInclusiveAndZeroDecimalCurrenciesAndFreeShippingOverTheThreshold() {
        var jacket = fixtures.variant(5, 6000, "GBP", 900);
        Map<String, Object> gb = checkout(tokens.customer(fixtures.customer()),
                checkoutBody(null, address("GB", null), jacket.id(), 1));
        assertThat(minor(gb, "tax")).isEqualTo(1000);
        assertThat(minor(gb, "shipping")).isZero();
        assertThat(minor(gb, "total")).isEqualTo(6000);
        assertThat(gb.get("pricesIncludeTax")).isEqualTo(true);

        var tea = fixtures.variant(5, 1100, "JPY", null);
        Map<String, Object> jp = checkout(tokens.customer(fixtures.customer()), checkoutBody(null, address("JP", null),
                tea.id(), 3));
        assertThat(minor(jp, "tax")).isEqualTo(300);
        assertThat(minor(jp, "total")).isEqualTo(3300 + 800);
        assertThat(jp.get("currency")).isEqualTo("JPY");

        // Nobody ships yen orders to the US: a clear 422, nothing held.
        call(HttpMethod.POST, "/api/v1/orders", tokens.customer(fixtures.customer()), "no-ship-" + UUID.randomUUID(),
                checkoutBody(null, address("US", null), tea.id(), 1))
                .expectStatus().isEqualTo(422).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("shipping_unavailable");
        assertThat(fixtures.stock(tea.id())).isEqualTo(new OrderFixtures.Stock(5, 3));
    }

    @Test
    void guessingAnOrdersTokenIsCutOffAfterTenLookupsOfItsNumber() {
        var mug = fixtures.variant(5, 1250, "USD", null);
        Map<String, Object> order = checkout(null, checkoutBody("guesser@example.com", address("US", "NY"), mug.id(), 1));
        Map<String, Object> guess = Map.of("number", order.get("number"), "email", "guesser@example.com",
                "token", "not-the-token");
        for (int attempt = 0; attempt < 10; attempt++) {
            call(HttpMethod.POST, "/api/v1/orders/lookup", null, null, guess).expectStatus().isNotFound();
        }
        call(HttpMethod.POST, "/api/v1/orders/lookup", null, null, guess).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        // Even the right token waits now: the limit is on the number, whoever asks.
        call(HttpMethod.POST, "/api/v1/orders/lookup", null, null, Map.of("number", order.get("number"),
                "email", "guesser@example.com", "token", order.get("guestAccessToken"))).expectStatus().isEqualTo(429);
    }

    @Test
    void aGuestChecksOutWithEmailAndReadsTheOrderBackWithNumberEmailAndToken() {
        var mug = fixtures.variant(5, 1250, "USD", null);
        Map<String, Object> order = checkout(null, checkoutBody("Guest@Example.com", address("US", "NY"), mug.id(), 2));
        String guestToken = (String) order.get("guestAccessToken");
        assertThat(guestToken).hasSizeGreaterThan(40);
        assertThat(order.get("customerId")).isNull();

        Map<String, Object> lookup = Map.of("number", order.get("number"), "email", "guest@example.com", "token", guestToken);
        call(HttpMethod.POST, "/api/v1/orders/lookup", null, null, lookup).expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(order.get("id")).jsonPath("$.guestAccessToken").doesNotExist();
        call(HttpMethod.POST, "/api/v1/orders/lookup", null, null,
                Map.of("number", order.get("number"), "email", "guest@example.com", "token", guestToken + "x"))
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("order_not_found");
        call(HttpMethod.POST, "/api/v1/orders/lookup", null, null,
                Map.of("number", order.get("number"), "email", "other@example.com", "token", guestToken))
                .expectStatus().isNotFound();
        // A browser guest orders the cart its cookie names; the ordered line leaves the cart.
        var created = http.post().uri("/api/v1/cart/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variantId", mug.id().toString(), "quantity", 1)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult();
        String cartToken = created.getResponseHeaders().getFirst("X-Cart-Token");
        Map<String, Object> fromCart = http.post().uri("/api/v1/orders").cookie("surge_cart", cartToken)
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(checkoutBody("cookie@example.com", address("US", null), null, 0)).exchange()
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat((List<?>) fromCart.get("lines")).hasSize(1);
        http.get().uri("/api/v1/cart").header("X-Cart-Token", cartToken).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        // A guest must say where confirmations go.
        call(HttpMethod.POST, "/api/v1/orders", null, "guest-" + UUID.randomUUID(), checkoutBody(null, address("US", null),
                mug.id(), 1))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
    }

    /** A customer about to check out {@code quantity} of a new USD variant under a new key. */
    record Keyed(OrderFixtures.Variant variant, UUID customer, String token, String key, Map<String, Object> body) {
    }

    Keyed keyed(String keyPrefix, int stock, long price, int quantity) {
        var variant = fixtures.variant(stock, price, "USD", null);
        UUID customer = fixtures.customer();
        return new Keyed(variant, customer, tokens.customer(customer), keyPrefix + UUID.randomUUID(),
                checkoutBody(null, address("US", "CA"), variant.id(), quantity));
    }

    @Test
    void retriesOfOneCheckoutMakeOneOrderAndAnotherBodyUnderTheSameKeyIsRefused() {
        Keyed retried = keyed("retry-", 50, 2000, 3);
        var lamp = retried.variant();
        UUID customer = retried.customer();
        String token = retried.token();
        String key = retried.key();
        Map<String, Object> body = retried.body();

        ConcurrentLinkedQueue<EntityExchangeResult<Map<String, Object>>> answers = new ConcurrentLinkedQueue<>();
        Flux.range(0, 20).parallel(20).runOn(Schedulers.boundedElastic())
                .doOnNext(i -> answers.add(http.post().uri("/api/v1/orders")
                        .headers(h -> {
                            h.setBearerAuth(token);
                            h.set("Idempotency-Key", key);
                        })
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                        .expectBody(JSON).returnResult()))
                .sequential().blockLast(Duration.ofSeconds(60));

        List<Object> ids = new ArrayList<>();
        for (var answer : answers) {
            int status = answer.getStatus().value();
            assertThat(status).as("each retry gets the order or 'still in flight'").isIn(201, 409);
            if (status == 201) {
                ids.add(answer.getResponseBody().get("id"));
            } else {
                assertThat(answer.getResponseBody().get("code")).isEqualTo("idempotency_request_in_flight");
            }
        }
        assertThat(ids).isNotEmpty();
        assertThat(ids).allMatch(id -> id.equals(ids.get(0)));
        assertThat(fixtures.count("SELECT count(*) FROM orders WHERE customer_id = :id", customer)).isEqualTo(1);
        // Losers that reserved before the unique key refused them gave their units back.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(50, 3)));

        // Once settled, a retry is a replay; another body under the same key is a client error.
        call(HttpMethod.POST, "/api/v1/orders", token, key, body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.id").isEqualTo(ids.get(0));
        call(HttpMethod.POST, "/api/v1/orders", token, key, checkoutBody(null, address("US", "CA"), lamp.id(), 4))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
        call(HttpMethod.POST, "/api/v1/orders", token, null, body)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("idempotency_key_missing");
        assertThat(fixtures.count("SELECT count(*) FROM orders WHERE customer_id = :id", customer)).isEqualTo(1);
    }

    /**
     * A key the platform no longer remembers (given back after the order committed, or forgotten after its retention)
     * is new to it, and the checkout runs without looking for the order first; the order's own key still finds it,
     * even when the units the order holds were the last: the retry gets its order, not "out of stock".
     */
    @Test
    void aRetryUnderAKeyThePlatformForgotStillGetsItsOrder() {
        Keyed retry = keyed("forgotten-", 2, 1500, 2);
        Object id = call(HttpMethod.POST, "/api/v1/orders", retry.token(), retry.key(), retry.body())
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("id");
        String scope = "user:" + retry.customer();
        assertThat(fixtures.count("SELECT count(*) FROM idempotency_keys WHERE scope = :id", scope)).isEqualTo(1);
        db.sql("DELETE FROM idempotency_keys WHERE scope = :scope").bind("scope", scope).then().block();

        call(HttpMethod.POST, "/api/v1/orders", retry.token(), retry.key(), retry.body()).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody().jsonPath("$.id").isEqualTo(id);
        assertThat(fixtures.count("SELECT count(*) FROM orders WHERE customer_id = :id", retry.customer()))
                .isEqualTo(1);
        assertThat(fixtures.stock(retry.variant().id())).isEqualTo(new OrderFixtures.Stock(2, 2));
    }

    @Test
    void twoBuyersRaceForTheLastUnitAndExactlyOneGetsIt() {
        var last = fixtures.variant(1, 9900, "USD", null);
        List<String> buyers = List.of(tokens.customer(fixtures.customer()), tokens.customer(fixtures.customer()));
        List<Integer> statuses = Flux.fromIterable(buyers).parallel(2).runOn(Schedulers.boundedElastic())
                .map(token -> call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                        checkoutBody(null, address("US", null), last.id(), 1))
                        .expectBody(JSON).returnResult())
                .map(result -> {
                    if (result.getStatus().value() == 409) {
                        assertThat(result.getResponseBody().get("code")).isEqualTo("out_of_stock");
                    }
                    return result.getStatus().value();
                })
                .sequential().collectList().block(Duration.ofSeconds(30));
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(fixtures.stock(last.id())).isEqualTo(new OrderFixtures.Stock(1, 1));
        assertThat(fixtures.count("SELECT count(*) FROM order_lines WHERE variant_id = :id", last.id())).isEqualTo(1);
    }

    @Test
    void aHundredBuyersForTenUnitsMakeExactlyTenOrdersAndNeverOversell() {
        var scarce = fixtures.variant(10, 2500, "USD", null);
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            buyers.add(tokens.customer(fixtures.customer()));
        }
        List<Integer> statuses = Flux.fromIterable(buyers).parallel(32).runOn(Schedulers.boundedElastic())
                .map(token -> call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                        checkoutBody(null, address("US", null), scarce.id(), 1)).expectBody(JSON).returnResult())
                .map(result -> {
                    int status = result.getStatus().value();
                    assertThat(status).as("an order or a clear out_of_stock").isIn(201, 409);
                    if (status == 409) {
                        assertThat(result.getResponseBody().get("code")).isEqualTo("out_of_stock");
                    }
                    return status;
                })
                .sequential().collectList().block(Duration.ofSeconds(120));
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
        assertThat(fixtures.count("SELECT count(*) FROM order_lines WHERE variant_id = :id", scarce.id())).isEqualTo(10);
        assertThat(fixtures.stock(scarce.id())).isEqualTo(new OrderFixtures.Stock(10, 10));
    }

    @Test
    void theLifecycleMovesOnlyAlongTheStateMachineAndRecordsWhoDidWhat() {
        var lamp = fixtures.variant(5, 3000, "USD", null);
        UUID buyer = fixtures.customer();
        String token = tokens.customer(buyer);
        Map<String, Object> order = checkout(token, checkoutBody(null, address("US", null), lamp.id(), 1));
        Object id = order.get("id");
        String fulfilment = tokens.as(fixtures.user("FULFILMENT", null), "FULFILMENT");

        // Not paid yet: fulfilment cannot start, admins cannot refund or go backwards.
        call(HttpMethod.POST, "/api/v1/fulfilment/orders/" + id + "/start", fulfilment, null, null)
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("illegal_transition");
        call(HttpMethod.POST, "/api/v1/admin/orders/" + id + "/status", admin, null, Map.of("status", "REFUNDED"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("use_payments");
        call(HttpMethod.POST, "/api/v1/admin/orders/" + id + "/status", admin, null, Map.of("status", "SOLD"))
                .expectStatus().isBadRequest();

        assertThat(adminStatus(id, "PAID").get("status")).isEqualTo("PAID");
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(4, 0)); // sold
        // The buyer is told, once the OrderPaid event has travelled through the outbox and Kafka.
        String to = "buyer-" + buyer + "@example.com";
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(
                dev.surge.support.TestMailServer.server().getReceivedMessages()).anyMatch(message -> {
                    try {
                        return message.getAllRecipients()[0].toString().equals(to)
                                && message.getSubject().contains((String) order.get("number"));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        call(HttpMethod.POST, "/api/v1/fulfilment/orders/" + id + "/start", fulfilment, null, null).expectStatus().isOk();
        call(HttpMethod.POST, "/api/v1/fulfilment/orders/" + id + "/ship", fulfilment, null, Map.of("carrier", "UPS"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("trackingNumber");
        call(HttpMethod.POST, "/api/v1/fulfilment/orders/" + id + "/ship", fulfilment, null,
                Map.of("carrier", "UPS", "trackingNumber", "1Z999")).expectStatus().isOk()
                .expectBody().jsonPath("$.trackingNumber").isEqualTo("1Z999");
        // shipped → pending payment, shipped → cancelled: refused, nothing changes.
        call(HttpMethod.POST, "/api/v1/admin/orders/" + id + "/status", admin, null, Map.of("status", "PENDING_PAYMENT"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("illegal_transition");
        call(HttpMethod.POST, "/api/v1/orders/" + id + "/cancel", token, null, null).expectStatus().isEqualTo(409);
        Map<String, Object> delivered = call(HttpMethod.POST, "/api/v1/fulfilment/orders/" + id + "/deliver", fulfilment,
                null, null).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(delivered.get("status")).isEqualTo("DELIVERED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) delivered.get("history");
        assertThat(history).extracting(h -> h.get("to"))
                .containsExactly("PENDING_PAYMENT", "PAID", "FULFILLING", "SHIPPED", "DELIVERED");
        assertThat(history.get(1).get("actorRole")).isEqualTo("ADMIN");
        assertThat(history.get(3).get("actorRole")).isEqualTo("FULFILMENT");
        // Each move a person made is in the audit log too, by them; the refused ones are not.
        assertThat(db.sql("SELECT details->>'to' AS moved_to, details->>'role' AS role FROM audit_log "
                        + "WHERE action = 'order.status_changed' AND subject_id = :id ORDER BY occurred_at, id")
                .bind("id", UUID.fromString(id.toString()))
                .map(row -> row.get("moved_to", String.class) + " by " + row.get("role", String.class))
                .all().collectList().block())
                .containsExactly("PAID by ADMIN", "FULFILLING by FULFILMENT", "SHIPPED by FULFILMENT", "DELIVERED by FULFILMENT");

        // Customers and sellers are not fulfilment staff.
        call(HttpMethod.POST, "/api/v1/fulfilment/orders/" + id + "/deliver", token, null, null).expectStatus().isForbidden();
        call(HttpMethod.GET, "/api/v1/admin/orders?status=DELIVERED&number=" + order.get("number"), admin, null, null)
                .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(id);
    }

    @Test
    void cancellingReturnsStockExactlyOnceAndAPaidOrderIsThenDueARefund() {
        var lamp = fixtures.variant(5, 3000, "USD", null);
        String token = tokens.customer(fixtures.customer());
        Map<String, Object> pending = checkout(token, checkoutBody(null, address("US", null), lamp.id(), 2));
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 2));
        List<Integer> cancels = Flux.range(0, 5).parallel(5).runOn(Schedulers.boundedElastic())
                .map(i -> call(HttpMethod.POST, "/api/v1/orders/" + pending.get("id") + "/cancel", token, null,
                        Map.of("reason", "changed my mind")).expectBody().returnResult().getStatus().value())
                .sequential().collectList().block(Duration.ofSeconds(30));
        assertThat(cancels).filteredOn(status -> status == 200).hasSize(1);
        assertThat(cancels).allMatch(status -> status == 200 || status == 409);
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0));

        Map<String, Object> paid = checkout(token, checkoutBody(null, address("US", null), lamp.id(), 1));
        adminStatus(paid.get("id"), "PAID");
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(4, 0));
        Map<String, Object> cancelled = call(HttpMethod.POST, "/api/v1/orders/" + paid.get("id") + "/cancel", token, null,
                null).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.get("refundDue")).isEqualTo(true);
        assertThat(cancelled).extracting("refundsDue").asList().extracting("reason").containsExactly("cancelled_after_payment");
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0));
        assertThat(fixtures.count("SELECT count(*) FROM stock_movements WHERE reason = 'return' AND variant_id = :id",
                lamp.id())).isEqualTo(1);
    }

    @Test
    void anUnpaidOrderExpiresWithItsHoldAndALatePaymentIsFlaggedNotAccepted() {
        var lamp = fixtures.variant(5, 3000, "USD", null);
        Map<String, Object> order = checkout(tokens.customer(fixtures.customer()),
                checkoutBody(null, address("US", null), lamp.id(), 2));
        UUID id = UUID.fromString((String) order.get("id"));
        db.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = :id").bind("id", id).then().block();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(ordersApi.find(id).block().status()).isEqualTo(OrderStatus.EXPIRED));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0)));

        assertThat(ordersApi.markPaid(id, new Money(minor(order, "total"), "USD"), "pay-late").block())
                .isEqualTo(OrdersApi.PaymentOutcome.LATE);
        assertThat(ordersApi.find(id).block().status()).isEqualTo(OrderStatus.EXPIRED);
        call(HttpMethod.GET, "/api/v1/admin/orders/" + id, admin, null, null).expectStatus().isOk()
                .expectBody().jsonPath("$.refundDue").isEqualTo(true)
                .jsonPath("$.refundsDue[0].reason").isEqualTo("late_payment")
                .jsonPath("$.refundsDue[0].paymentReference").isEqualTo("pay-late");
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0));
        // Giving that money back settles what the order owed, once.
        Money late = new Money(minor(order, "total"), "USD");
        ordersApi.recordRefund(id, "pay-late", late, "re-late").block();
        ordersApi.recordRefund(id, "pay-late", late, "re-late").block();
        call(HttpMethod.GET, "/api/v1/admin/orders/" + id, admin, null, null).expectStatus().isOk()
                .expectBody().jsonPath("$.refundDue").isEqualTo(false)
                .jsonPath("$.refundsDue[0].settledAt").isNotEmpty();
    }

    @Test
    void aPaymentAfterInventoryLetTheHoldGoExpiresTheOrderAndIsDueBack() {
        var lamp = fixtures.variant(5, 3000, "USD", null);
        Map<String, Object> order = checkout(tokens.customer(fixtures.customer()),
                checkoutBody(null, address("US", null), lamp.id(), 1));
        UUID id = UUID.fromString((String) order.get("id"));
        // The hold lapses in inventory before the order's own expiry comes round.
        db.sql("UPDATE stock_reservations SET expires_at = now() - interval '1 second' WHERE id IN "
                + "(SELECT reservation_id FROM order_reservations WHERE order_id = :id)").bind("id", id).then().block();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0)));
        // Applied inside the caller's transaction, as payments does: nothing half-done may be left behind.
        assertThat(tx.transactional(ordersApi.markPaid(id, new Money(minor(order, "total"), "USD"), "pay-after-lapse"))
                .block()).isEqualTo(OrdersApi.PaymentOutcome.LATE);
        assertThat(fixtures.count("SELECT count(*) FROM order_status_history WHERE order_id = :id AND to_status = 'PAID'",
                id)).isZero();
        assertThat(ordersApi.find(id).block().status()).isEqualTo(OrderStatus.EXPIRED);
        call(HttpMethod.GET, "/api/v1/admin/orders/" + id, admin, null, null).expectStatus().isOk()
                .expectBody().jsonPath("$.refundsDue[0].reason").isEqualTo("late_payment");
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0)); // nothing sold
    }

    @Test
    void anOrderIsPaidOnceHoweverManyPaymentsArriveAndAWrongAmountIsNotAccepted() {
        var lamp = fixtures.variant(5, 3000, "USD", null);
        Map<String, Object> order = checkout(tokens.customer(fixtures.customer()),
                checkoutBody(null, address("US", null), lamp.id(), 1));
        UUID id = UUID.fromString((String) order.get("id"));
        Money total = new Money(minor(order, "total"), "USD");

        assertThat(ordersApi.markPaid(id, new Money(total.amountMinor() - 1, "USD"), "pay-short").block())
                .isEqualTo(OrdersApi.PaymentOutcome.AMOUNT_MISMATCH);
        // What the short payment took goes back in two parts; the second settles it.
        ordersApi.recordRefund(id, "pay-short", new Money(1000, "USD"), "short-1").block();
        assertThat(fixtures.count("SELECT count(*) FROM order_refunds_due WHERE order_id = :id AND settled_at IS NULL",
                id)).isEqualTo(1);
        ordersApi.recordRefund(id, "pay-short", new Money(total.amountMinor() - 1 - 1000, "USD"), "short-2").block();
        assertThat(fixtures.count("SELECT count(*) FROM order_refunds_due WHERE order_id = :id AND settled_at IS NULL",
                id)).isZero();
        assertThat(ordersApi.find(id).block().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);

        List<OrdersApi.PaymentOutcome> outcomes = Flux.range(0, 10).parallel(10).runOn(Schedulers.boundedElastic())
                .flatMap(i -> ordersApi.markPaid(id, total, "pay-1"))
                .sequential().collectList().block(Duration.ofSeconds(30));
        assertThat(outcomes).filteredOn(o -> o == OrdersApi.PaymentOutcome.PAID).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o == OrdersApi.PaymentOutcome.ALREADY_PAID).hasSize(9);
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(4, 0));
        assertThat(fixtures.count("SELECT count(*) FROM order_status_history WHERE order_id = :id AND to_status = 'PAID'",
                id)).isEqualTo(1);
        // A second, different payment for a paid order is flagged for refund.
        assertThat(ordersApi.markPaid(id, total, "pay-2").block()).isEqualTo(OrdersApi.PaymentOutcome.LATE);
        assertThat(ordersApi.recordRefund(id, new Money(total.amountMinor() + 1, "USD"), "r-1")
                .onErrorResume(e -> reactor.core.publisher.Mono.empty()).block()).isNull();
        assertThat(ordersApi.recordRefund(id, new Money(100, "USD"), "r-1").block().status())
                .isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        // The provider announces r-1 again: counted once.
        assertThat(ordersApi.recordRefund(id, new Money(100, "USD"), "r-1").block().refunded().amountMinor())
                .isEqualTo(100);
        assertThat(ordersApi.recordRefund(id, new Money(total.amountMinor() - 100, "USD"), "r-2").block().status())
                .isEqualTo(OrderStatus.REFUNDED);
        // Refunded in full before it shipped: the unit is back on hand, once.
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0));
        // The second payment is still owed back until it is refunded by its own reference.
        assertThat(fixtures.count("SELECT count(*) FROM order_refunds_due WHERE order_id = :id AND settled_at IS NULL",
                id)).isEqualTo(1);
        ordersApi.recordRefund(id, "pay-2", total, "r-3").block();
        assertThat(fixtures.count("SELECT count(*) FROM order_refunds_due WHERE order_id = :id AND settled_at IS NULL",
                id)).isZero();
    }

    /** A running sale of 5 units at 49.00, two per customer. */
    private Map<String, Object> runningSale(UUID variant) {
        return call(HttpMethod.POST, "/api/v1/admin/flash-sales", admin, null, Map.of(
                "name", "Drop", "variantId", variant.toString(), "priceMinor", 4900, "quantity", 5,
                "perCustomerLimit", 2, "startsAt", Instant.now().minusSeconds(5).toString(),
                "endsAt", Instant.now().plusSeconds(3600).toString()))
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void aFlashSaleHoldIsTakenOverAtTheSalePrice() {
        var sneaker = fixtures.variant(20, 12000, "USD", null);
        Map<String, Object> sale = runningSale(sneaker.id());
        UUID customer = fixtures.customer();
        String token = tokens.customer(customer);
        call(HttpMethod.POST, "/api/v1/flash-sales/" + sale.get("id") + "/reservations", token, null, Map.of("quantity", 2))
                .expectStatus().isCreated();

        // The cart is empty: the hold alone is ordered, at the sale price.
        Map<String, Object> order = checkout(token, checkoutBody(null, address("US", null), null, 0));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("flashSaleId")).isEqualTo(sale.get("id"));
        assertThat(minor(order, "subtotal")).isEqualTo(9800);
        // A second checkout does not take the same hold again: it orders the cart alone.
        call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                checkoutBody(null, address("US", null), null, 0))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("nothing_to_order");
        var other = fixtures.variant(5, 1000, "USD", null);
        Map<String, Object> second = checkout(token, checkoutBody(null, address("US", null), other.id(), 1));
        assertThat((List<?>) second.get("lines")).hasSize(1);

        adminStatus(order.get("id"), "PAID");
        Map<String, Object> after = call(HttpMethod.GET, "/api/v1/flash-sales/" + sale.get("id"), null, null, null)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(fixtures.count("SELECT sold FROM flash_sales WHERE id = :id", UUID.fromString((String) sale.get("id"))))
                .isEqualTo(2);
        assertThat(after).isNotNull();
    }

    @Test
    void explicitLinesTakeNoMoreHeldUnitsThanAsked() {
        var sneaker = fixtures.variant(20, 12000, "USD", null);
        Map<String, Object> sale = runningSale(sneaker.id());
        String token = tokens.customer(fixtures.customer());
        for (int claim = 0; claim < 2; claim++) {
            call(HttpMethod.POST, "/api/v1/flash-sales/" + sale.get("id") + "/reservations", token, null,
                    Map.of("quantity", 1)).expectStatus().isCreated();
        }

        // Two holds of one unit each; the buyer orders one unit: one hold is taken, at the sale price.
        Map<String, Object> first = checkout(token, checkoutBody(null, address("US", null), sneaker.id(), 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) first.get("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("quantity")).isEqualTo(1);
        assertThat(lines.get(0).get("flashSaleId")).isEqualTo(sale.get("id"));
        assertThat(minor(first, "subtotal")).isEqualTo(4900);

        // The other hold is still the buyer's: the next order of one unit takes it, at the sale price too.
        Map<String, Object> second = checkout(token, checkoutBody(null, address("US", null), sneaker.id(), 1));
        assertThat(minor(second, "subtotal")).isEqualTo(4900);
        // Nothing held is left: a third unit is at the normal price.
        Map<String, Object> third = checkout(token, checkoutBody(null, address("US", null), sneaker.id(), 1));
        assertThat(minor(third, "subtotal")).isEqualTo(12000);
    }

    @Test
    void customersSeeOnlyTheirOrdersAndSellersOnlyTheirLines() {
        var mine = fixtures.variant(5, 1000, "USD", null);
        var theirs = fixtures.variant(5, 1000, "USD", null);
        String alice = tokens.customer(fixtures.customer());
        String bob = tokens.customer(fixtures.customer());
        Map<String, Object> order = checkout(alice, Map.of("shippingAddress", address("US", null), "lines", List.of(
                Map.of("variantId", mine.id().toString(), "quantity", 1),
                Map.of("variantId", theirs.id().toString(), "quantity", 2))));

        call(HttpMethod.GET, "/api/v1/orders/" + order.get("id"), bob, null, null)
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("order_not_found");
        call(HttpMethod.POST, "/api/v1/orders/" + order.get("id") + "/cancel", bob, null, null).expectStatus().isNotFound();
        call(HttpMethod.GET, "/api/v1/orders/not-an-id", alice, null, null).expectStatus().isNotFound();

        String seller = tokens(mine.merchantId());
        call(HttpMethod.GET, "/api/v1/merchants/" + mine.merchantId() + "/order-lines", seller, null, null)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].line.variantId").isEqualTo(mine.id().toString())
                .jsonPath("$.items[0].orderNumber").isEqualTo(order.get("number"));
        call(HttpMethod.GET, "/api/v1/merchants/" + theirs.merchantId() + "/order-lines", seller, null, null)
                .expectStatus().isNotFound();
        call(HttpMethod.GET, "/api/v1/admin/orders", alice, null, null).expectStatus().isForbidden();
    }

    private String tokens(UUID merchant) {
        UUID seller = fixtures.user("SELLER", merchant);
        return accessTokens.issue(seller, UUID.randomUUID(), "SELLER", merchant).block().value();
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        var lamp = fixtures.variant(5, 1000, "USD", null);
        UUID customer = fixtures.customer();
        String token = tokens.customer(customer);
        http.post().uri("/api/v1/orders").headers(h -> {
            h.setBearerAuth(token);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
        }).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"shippingAddress\": ").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(), Map.of("shippingAddress", "home"))
                .expectStatus().isBadRequest();
        call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                checkoutBody(null, address("XX", null), lamp.id(), 1))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("shippingAddress.country");
        call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                checkoutBody(null, address("US", null), lamp.id(), 0))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lines[0].quantity");
        call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                checkoutBody(null, address("US", null), UUID.randomUUID(), 1))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("unknown_variant");
        call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                checkoutBody(null, address("US", null), null, 0))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("nothing_to_order");
        call(HttpMethod.POST, "/api/v1/orders", token, UUID.randomUUID().toString(),
                checkoutBody(null, address("US", null), lamp.id(), 6))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("out_of_stock");
        call(HttpMethod.GET, "/api/v1/orders?status=LOST", token, null, null).expectStatus().isBadRequest();
        call(HttpMethod.GET, "/api/v1/orders?cursor=forged", token, null, null).expectStatus().isBadRequest();
        call(HttpMethod.GET, "/api/v1/orders", null, null, null).expectStatus().isUnauthorized();
        assertThat(fixtures.count("SELECT count(*) FROM orders WHERE customer_id = :id", customer)).isZero();
        assertThat(fixtures.stock(lamp.id())).isEqualTo(new OrderFixtures.Stock(5, 0));
    }

    /**
     * An order with all its details is read in one statement ({@code OrderQueries.detailed}, JSON aggregates): it
     * reads exactly what the order and its lines, history and refunds due read one table at a time, and the
     * merchants of its lines.
     */
    @Test
    void theOneStatementReadOfAnOrderEqualsTheTableByTableRead() {
        var lamp = fixtures.variant(5, 3000, "USD", null);
        var chair = fixtures.variant(5, 12_550, "USD", null);
        Map<String, Object> body = checkoutBody(null, address("US", "CA"), null, 0);
        body.put("lines", List.of(Map.of("variantId", lamp.id().toString(), "quantity", 2),
                Map.of("variantId", chair.id().toString(), "quantity", 1)));
        Map<String, Object> order = checkout(tokens.customer(fixtures.customer()), body);
        UUID id = UUID.fromString((String) order.get("id"));
        long total = minor(order, "total");
        // a refund due that is settled, one that is not, and a move to PAID in the history
        ordersApi.markPaid(id, new Money(total - 1, "USD"), "pay-short").block();
        ordersApi.recordRefund(id, "pay-short", new Money(total - 1, "USD"), "short-1").block();
        ordersApi.markPaid(id, new Money(total, "USD"), "pay-1").block();
        ordersApi.markPaid(id, new Money(total, "USD"), "pay-2").block();

        dev.surge.orders.domain.Order tableByTable = queries.find(id).flatMap(queries::withDetails).block();
        dev.surge.orders.data.OrderQueries.Detailed detailed = queries.detailed(id).block();

        assertThat(tableByTable.lines()).hasSize(2);
        assertThat(tableByTable.history()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(tableByTable.refundsDue()).hasSize(2)
                .anySatisfy(due -> assertThat(due.settledAt()).isNotNull())
                .anySatisfy(due -> assertThat(due.settledAt()).isNull());
        assertThat(detailed.order()).isEqualTo(tableByTable);
        Map<UUID, String> merchants = db.sql("SELECT id, name FROM merchants WHERE id IN (:a, :b)")
                .bind("a", lamp.merchantId()).bind("b", chair.merchantId())
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("name", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
        assertThat(merchants).isNotEmpty();
        assertThat(detailed.merchantNames()).isEqualTo(merchants);
        assertThat(queries.detailed(UUID.randomUUID()).blockOptional()).isEmpty();
    }
}
