package dev.surge.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.IntegrationTest;
import dev.surge.support.SurgeInstances;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The coupon promise under real concurrency: two application instances sharing PostgreSQL, Redis and Kafka, a
 * thousand buyers at once at a code capped at 100 uses. The assertions are invariants: exactly the cap carries the
 * discount, every other checkout is a clean 409 {@code coupon_used_up}, and uses given back by cancelled or expired
 * orders are redeemed again, once each.
 */
class CouponRaceTwoInstancesIntegrationTests extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(CouponRaceTwoInstancesIntegrationTests.class);
    static final int CAP = 100;
    static final int BUYERS = 1000;

    static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JwtKeys jwtKeys;

    PromotionFixtures fixtures;
    TestTokens tokens;
    WebClient client;
    List<Integer> ports;

    @BeforeEach
    void setUp() {
        tokens = new TestTokens(accessTokens);
        fixtures = new PromotionFixtures(db, http, tokens);
        synchronized (CouponRaceTwoInstancesIntegrationTests.class) {
            if (second == null) {
                second = SurgeInstances.inThisJvm(serviceProperties(), jwtKeys);
            }
        }
        ports = List.of(port, Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
        ConnectionProvider connections = ConnectionProvider.builder("coupon-buyers").maxConnections(BUYERS)
                .pendingAcquireMaxCount(-1).build();
        client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                .responseTimeout(Duration.ofSeconds(180)))).build();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    record Attempt(int status, String code, String orderId, String token) {
    }

    /** {@code count} customer accounts (orders reference them), made in one statement, each with a token. */
    List<String> customers(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Ids.newId());
        }
        db.sql("""
                INSERT INTO users (id, email, display_name, password_hash, role)
                SELECT id, 'race-' || id || '@example.com', 'Racer', 'not-a-hash', 'CUSTOMER' FROM unnest(:ids) AS id""")
                .bind("ids", ids.toArray(UUID[]::new)).then().block();
        return ids.stream().map(tokens::customer).toList();
    }

    /** Every buyer checks out one unit with the code at once, alternating between the instances. */
    List<Attempt> storm(List<String> buyers, UUID variant, String code) {
        return Flux.range(0, buyers.size())
                .flatMap(i -> attempt(i % 2, buyers.get(i), variant, code, UUID.randomUUID().toString(), 5),
                        buyers.size())
                .collectList().block(Duration.ofMinutes(5));
    }

    /**
     * One checkout; like a real client, a buyer told 503 (an overloaded instance: this machine runs both instances,
     * the buyers and the databases on two cores) tries again after a moment, with the same Idempotency-Key. Answers
     * may take long while a thousand checkouts queue for connections and the code's row: the client waits up to 180 s.
     */
    Mono<Attempt> attempt(int instance, String token, UUID variant, String code, String key, int triesLeft) {
        return client.post().uri("http://127.0.0.1:" + ports.get(instance) + "/api/v1/orders")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PromotionFixtures.checkout(code, List.of(PromotionFixtures.line(variant, 1))))
                .exchangeToMono(response -> response.bodyToMono(PromotionFixtures.JSON).defaultIfEmpty(Map.of())
                        .map(body -> new Attempt(response.statusCode().value(), (String) body.get("code"),
                                (String) body.get("id"), token)))
                .flatMap(result -> result.status() == 503 && triesLeft > 1
                        ? Mono.delay(Duration.ofMillis(250)).then(attempt(instance, token, variant, code, key, triesLeft - 1))
                        : Mono.just(result));
    }

    static String histogram(List<Attempt> attempts) {
        Map<String, Long> counts = new TreeMap<>();
        attempts.forEach(a -> counts.merge(a.status() + " " + a.code(), 1L, Long::sum));
        return "answers: " + counts;
    }

    long discounted(String code) {
        return db.sql("SELECT count(*) FROM orders WHERE coupon_code = :c AND discount_minor > 0 "
                        + "AND status = 'PENDING_PAYMENT'")
                .bind("c", code).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    @Test
    void aThousandBuyersThroughTwoInstancesRedeemExactlyTheCapAndCancelledOrdersGiveTheirUsesBack() {
        var variant = fixtures.variant(BUYERS + 100, 2000);
        String code = PromotionFixtures.code();
        Map<String, Object> fields = new java.util.HashMap<>(PromotionFixtures.percentCode(code, 10));
        fields.put("redemptionCap", CAP);
        Map<String, Object> promotion = fixtures.promotion(fixtures.admin(), fields);
        List<String> buyers = customers(BUYERS);

        long started = System.nanoTime();
        List<Attempt> attempts = storm(buyers, variant.variant(), code.toLowerCase());
        log.info("{} concurrent checkouts through two instances took {} ms; {}", BUYERS,
                (System.nanoTime() - started) / 1_000_000, histogram(attempts));

        List<Attempt> placed = attempts.stream().filter(a -> a.status() == 201).toList();
        assertThat(placed).as(histogram(attempts)).hasSize(CAP);
        assertThat(attempts.stream().filter(a -> a.status() != 201)).hasSize(BUYERS - CAP)
                .allSatisfy(a -> assertThat(a.status() + " " + a.code()).isEqualTo("409 coupon_used_up"));
        assertThat(fixtures.redeemed(promotion.get("id"))).isEqualTo(CAP);
        assertThat(discounted(code)).isEqualTo(CAP);
        assertThat(fixtures.count("SELECT count(*) FROM promotion_redemptions WHERE promotion_id = :id",
                UUID.fromString(promotion.get("id").toString()))).isEqualTo(CAP);
        // The refused checkouts held nothing: only the placed orders' units are reserved.
        assertThat(fixtures.count("SELECT reserved FROM inventory_stock WHERE variant_id = :id", variant.variant()))
                .isEqualTo(CAP);

        // Ten buyers cancel (one of them twice): ten uses come back, once each.
        List<Attempt> cancelled = placed.subList(0, 10);
        for (Attempt a : cancelled) {
            fixtures.call(org.springframework.http.HttpMethod.POST, "/api/v1/orders/" + a.orderId() + "/cancel",
                    a.token(), Map.of("reason", "changed my mind")).expectStatus().isOk();
        }
        fixtures.call(org.springframework.http.HttpMethod.POST, "/api/v1/orders/" + cancelled.get(0).orderId() + "/cancel",
                cancelled.get(0).token(), Map.of()).expectStatus().isEqualTo(409);
        assertThat(fixtures.redeemed(promotion.get("id"))).isEqualTo(CAP - 10);
        assertThat(fixtures.count("SELECT count(*) FROM promotion_redemptions WHERE promotion_id = :id "
                + "AND released_at IS NOT NULL", UUID.fromString(promotion.get("id").toString()))).isEqualTo(10);

        List<Attempt> again = storm(customers(100), variant.variant(), code);
        assertThat(again.stream().filter(a -> a.status() == 201)).as(histogram(again)).hasSize(10);
        assertThat(again.stream().filter(a -> a.status() != 201))
                .allSatisfy(a -> assertThat(a.status() + " " + a.code()).isEqualTo("409 coupon_used_up"));
        assertThat(fixtures.redeemed(promotion.get("id"))).isEqualTo(CAP);
        assertThat(discounted(code)).isEqualTo(CAP);
    }

    @Test
    void oneCustomersConcurrentCheckoutsStayWithinTheirLimitAndAnExpiredOrderGivesItsUseBack() {
        var variant = fixtures.variant(100, 2000);
        String code = PromotionFixtures.code();
        Map<String, Object> fields = new java.util.HashMap<>(PromotionFixtures.percentCode(code, 10));
        fields.put("perCustomerLimit", 2);
        Map<String, Object> promotion = fixtures.promotion(fixtures.admin(), fields);
        String buyer = customers(1).get(0);

        List<Attempt> attempts = Flux.range(0, 12)
                .flatMap(i -> attempt(i % 2, buyer, variant.variant(), code, UUID.randomUUID().toString(), 5), 12)
                .collectList().block(Duration.ofMinutes(2));
        List<Attempt> placed = attempts.stream().filter(a -> a.status() == 201).toList();
        assertThat(placed).as(histogram(attempts)).hasSize(2);
        assertThat(attempts.stream().filter(a -> a.status() != 201))
                .allSatisfy(a -> assertThat(a.status() + " " + a.code()).isEqualTo("409 coupon_customer_limit"));
        assertThat(fixtures.redeemed(promotion.get("id"))).isEqualTo(2);

        // One order's payment window ends: the expiry job gives its use back, once.
        db.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = :id")
                .bind("id", UUID.fromString(placed.get(0).orderId())).then().block();
        await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.redeemed(promotion.get("id")) == 1);
        assertThat(attempt(0, buyer, variant.variant(), code, UUID.randomUUID().toString(), 5).block().status())
                .isEqualTo(201);
        assertThat(attempt(1, buyer, variant.variant(), code, UUID.randomUUID().toString(), 5).block())
                .extracting(Attempt::status, Attempt::code).containsExactly(409, "coupon_customer_limit");
        assertThat(fixtures.redeemed(promotion.get("id"))).isEqualTo(2);
    }
}
