package dev.surge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.IntegrationTest;
import dev.surge.support.PlainHttp;
import dev.surge.support.PlainHttp.Answer;
import dev.surge.support.RedisProcess;
import dev.surge.support.SurgeInstances;
import dev.surge.support.SurgeProcess;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Fault test: the Redis server of a Surge process is killed ({@code kill -9}, nothing persisted) in the middle of a
 * flash sale and of cart traffic, and started again, empty, eight seconds later (the same Surge process serving again within seconds). While it is down every answer is a
 * clean one (a grant, sold out, or 503 problem+json with {@code Retry-After}), never a 500 or a hang; no unit is
 * sold twice; buyers told 503 who try again afterwards are served, until exactly the sale's quantity is granted; and
 * the signed-in customers' carts are all there again (restored from PostgreSQL's written-behind copy).
 */
class RedisOutageFaultIntegrationTests extends IntegrationTest {

    static final int QUANTITY = 40;
    static final int BUYERS = 240;
    static final int SHOPPERS = 8;
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration OUTAGE = Duration.ofSeconds(8);

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JwtKeys jwtKeys;

    @Test
    void aRedisRestartMidSaleAnswers503NeverOversellsAndTheSaleAndCartsCarryOn() {
        InventoryFixtures fixtures = new InventoryFixtures(db);
        TestTokens tokens = new TestTokens(accessTokens);
        UUID variant = fixtures.variant(QUANTITY, 4999);
        UUID cartVariant = fixtures.variant(100, 1200);
        List<UUID> shoppers = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            shoppers.add(UUID.randomUUID());
        }
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            buyers.add(tokens.customer(UUID.randomUUID()));
        }

        try (RedisProcess redis = RedisProcess.start();
                SurgeProcess surge = SurgeProcess.start("redis-outage",
                        SurgeInstances.redisAt(serviceProperties(), redis.port()), jwtKeys)) {
            PlainHttp client = new PlainHttp(surge.baseUrl(), CLIENT_TIMEOUT);
            UUID sale = sale(client, tokens.admin(), variant);
            for (int i = 0; i < SHOPPERS; i++) {
                Answer added = client.post("/api/v1/cart/items", tokens.customer(shoppers.get(i)),
                        Map.of("variantId", cartVariant.toString(), "quantity", i + 1), Map.of());
                assertThat(added.status()).as(added.toString()).isIn(200, 201);
            }
            // The write-behind copy (flush-interval 1 s) holds every cart before Redis goes.
            await().atMost(Duration.ofSeconds(30)).until(() -> db.sql(
                    "SELECT count(*) FROM cart_items WHERE variant_id = :v").bind("v", cartVariant)
                    .map(row -> ((Number) row.get(0)).longValue()).one().block() == SHOPPERS);

            AtomicInteger granted = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean down = new AtomicBoolean();
            AtomicReference<Duration> recovery = new AtomicReference<>();
            List<Integer> readinessWhileDown = Collections.synchronizedList(new ArrayList<>());
            List<Answer> whileDown = Collections.synchronizedList(new ArrayList<>());
            ExecutorService callers = Executors.newFixedThreadPool(24);
            List<CompletableFuture<Answer>> first = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                String buyer = buyers.get(i);
                UUID shopper = shoppers.get(i % SHOPPERS);
                first.add(CompletableFuture.supplyAsync(() -> {
                    if (granted.get() >= 10 && killed.compareAndSet(false, true)) {
                        redis.kill();
                        down.set(true);
                        CompletableFuture.runAsync(() -> {
                            while (down.get()) {
                                readinessWhileDown.add(surge.readiness());
                                sleep(Duration.ofMillis(500));
                            }
                        });
                        CompletableFuture.runAsync(() -> {
                            sleep(OUTAGE);
                            redis.restart();
                            long restarted = System.nanoTime();
                            down.set(false);
                            Answer served;
                            do {
                                served = client.get("/api/v1/cart", tokens.customer(shoppers.get(0)));
                            } while (served.status() != 200 && Duration.ofNanos(System.nanoTime() - restarted).toSeconds() < 40);
                            recovery.set(Duration.ofNanos(System.nanoTime() - restarted));
                        });
                    }
                    boolean outage = down.get();
                    // cart traffic alongside the claims
                    Answer cart = client.get("/api/v1/cart", tokens.customer(shopper));
                    Answer claim = claim(client, sale, buyer);
                    if (claim.status() == 201) {
                        granted.incrementAndGet();
                    }
                    if (outage) {
                        whileDown.add(cart);
                        whileDown.add(claim);
                    }
                    return claim;
                }, callers));
                if (i % 24 == 23) {
                    sleep(Duration.ofMillis(300)); // a stream of buyers, long enough to span the outage
                }
            }
            List<Answer> answers = first.stream().map(CompletableFuture::join).toList();
            callers.shutdown();
            await().atMost(Duration.ofSeconds(60)).until(() -> recovery.get() != null);
            // Back within seconds of Redis: the shared connection reconnects at once, not after a long back-off.
            assertThat(recovery.get()).as("from Redis answering again to a cart served").isLessThan(Duration.ofSeconds(5));
            assertThat(killed).isTrue();
            assertThat(whileDown).as("requests made while Redis was down").isNotEmpty();
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 409, 503));
            assertThat(whileDown).allSatisfy(a -> {
                assertThat(a.status()).as(a.toString()).isIn(200, 201, 409, 503);
                if (a.status() == 503) {
                    assertThat(a.contentType()).as(a.toString()).startsWith("application/problem+json");
                    assertThat(a.retryAfter()).as(a.toString()).isNotBlank();
                }
            });
            assertThat(readinessWhileDown).as("readiness while Redis is down").contains(503);

            // Buyers told 503 try again once Redis is back: the sale carries on to exactly its quantity.
            await().atMost(Duration.ofSeconds(60)).until(() -> surge.readiness() == 200);
            for (int i = 0; i < BUYERS; i++) {
                if (answers.get(i).status() == 503) {
                    Answer again = claim(client, sale, buyers.get(i));
                    assertThat(again.status()).as(again.toString()).isIn(201, 409);
                    if (again.status() == 201) {
                        granted.incrementAndGet();
                    }
                }
            }
            assertThat(granted.get()).as("grants").isEqualTo(QUANTITY);
            assertThat(fixtures.sale(sale)).isEqualTo(new InventoryFixtures.Sale(QUANTITY, QUANTITY, 0));
            assertThat(fixtures.heldInSale(sale)).isEqualTo(QUANTITY);
            assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(QUANTITY, QUANTITY));

            // Every signed-in cart is back as it was.
            for (int i = 0; i < SHOPPERS; i++) {
                int quantity = i + 1;
                Answer cart = client.get("/api/v1/cart", tokens.customer(shoppers.get(i)));
                assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) cart.json().get("items");
                assertThat(items).as(cart.toString()).singleElement()
                        .satisfies(item -> assertThat(item).containsEntry("variantId", cartVariant.toString())
                                .containsEntry("quantity", quantity));
            }
            assertThat(surge.alive()).isTrue();
        }
    }

    private static Answer claim(PlainHttp client, UUID sale, String buyer) {
        return client.post("/api/v1/flash-sales/" + sale + "/reservations", buyer, Map.of("quantity", 1), Map.of());
    }

    private static UUID sale(PlainHttp client, String admin, UUID variant) {
        Answer sale = client.post("/api/v1/admin/flash-sales", admin, Map.of("name", "Redis goes away",
                "variantId", variant.toString(), "priceMinor", 1999, "quantity", QUANTITY, "perCustomerLimit", 1,
                "startsAt", Instant.now().minusSeconds(1).toString(), "endsAt", Instant.now().plusSeconds(3600).toString(),
                "holdSeconds", 900), Map.of());
        assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
        return UUID.fromString(sale.json().get("id").toString());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
