package dev.surge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.inventory.domain.StockReconciliation;
import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.IntegrationTest;
import dev.surge.support.SurgeInstances;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The flash-sale promise under real concurrency: two application instances on two ports, sharing
 * PostgreSQL, Redis and Kafka, and a thousand buyers at once. The assertions are invariants: exactly
 * the stock is granted, every other attempt is a clean 409, nothing goes negative, and PostgreSQL and
 * Redis agree afterwards.
 */
class FlashSaleTwoInstancesIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final int STOCK = 50;
    static final int BUYERS = 1000;

    static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    InventoryApi inventory;

    @Autowired
    JwtKeys jwtKeys;

    @Autowired
    StockReconciliation reconciliation;

    @Autowired
    ReactiveStringRedisTemplate redis;

    InventoryFixtures fixtures;
    TestTokens tokens;
    WebClient client;
    ConnectionProvider connections;
    List<Integer> ports;

    @BeforeEach
    void setUp() {
        fixtures = new InventoryFixtures(db);
        tokens = new TestTokens(accessTokens);
        synchronized (FlashSaleTwoInstancesIntegrationTests.class) {
            if (second == null) {
                second = SurgeInstances.inThisJvm(serviceProperties(), jwtKeys);
            }
        }
        int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        ports = List.of(port, secondPort);
        connections = ConnectionProvider.builder("buyers").maxConnections(BUYERS).pendingAcquireMaxCount(-1).build();
        client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                .responseTimeout(Duration.ofSeconds(60)))).build();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    UUID sale(UUID variant, int quantity, int holdSeconds) {
        Map<String, Object> sale = client.post().uri("http://127.0.0.1:" + ports.get(1) + "/api/v1/admin/flash-sales")
                .headers(h -> h.setBearerAuth(tokens.admin())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Thousand buyers", "variantId", variant.toString(), "priceMinor", 1999,
                        "quantity", quantity, "perCustomerLimit", 1, "startsAt", Instant.now().minusSeconds(1).toString(),
                        "endsAt", Instant.now().plusSeconds(3600).toString(), "holdSeconds", holdSeconds))
                .retrieve().bodyToMono(JSON).block();
        return UUID.fromString((String) sale.get("id"));
    }

    record Attempt(int status, String code, String reservationId) {
    }

    /** {@code count} buyers, each with their own token, all at once, alternating between the instances. */
    List<Attempt> storm(UUID sale, int count) {
        List<String> buyers = IntStream.range(0, count).mapToObj(i -> tokens.customer(UUID.randomUUID())).toList();
        return Flux.range(0, count)
                .flatMap(i -> attempt(sale, i % 2, buyers.get(i), 5), count)
                .collectList().block(Duration.ofMinutes(3));
    }

    /**
     * One buyer's attempt. Like a real client, a buyer told 503 (an overloaded instance: this machine runs
     * both instances, the buyers and the databases on two cores) tries again after a moment; the
     * invariants hold whatever the number of tries.
     */
    Mono<Attempt> attempt(UUID sale, int instance, String token, int triesLeft) {
        return client.post()
                .uri("http://127.0.0.1:" + ports.get(instance) + "/api/v1/flash-sales/" + sale + "/reservations")
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", 1))
                .exchangeToMono(response -> response.bodyToMono(JSON).defaultIfEmpty(Map.of())
                        .map(body -> new Attempt(response.statusCode().value(), (String) body.get("code"),
                                (String) body.get("id"))))
                .flatMap(result -> result.status() == 503 && triesLeft > 1
                        ? Mono.delay(Duration.ofMillis(250)).then(attempt(sale, instance, token, triesLeft - 1))
                        : Mono.just(result));
    }

    Map<String, Object> read(UUID sale, int instance) {
        return client.get().uri("http://127.0.0.1:" + ports.get(instance) + "/api/v1/flash-sales/" + sale)
                .retrieve().bodyToMono(JSON).block();
    }

    long redisRemaining(UUID sale) {
        String value = redis.opsForValue().get("surge:inv:{fs:" + sale + "}:remaining").block();
        return value == null ? -1 : Long.parseLong(value);
    }

    @Test
    void aThousandBuyersThroughTwoInstancesGetExactlyTheStock() {
        UUID variant = fixtures.variant(80, 4999);
        UUID sale = sale(variant, STOCK, 900);
        // Watch both stores while the storm runs: Redis never below zero, PostgreSQL never past the stock.
        AtomicLong lowestRedis = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger highestTaken = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        reactor.core.Disposable watcher = Flux.interval(Duration.ofMillis(20))
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromRunnable(() -> {
                    long remaining = redisRemaining(sale);
                    if (remaining != -1) {
                        lowestRedis.accumulateAndGet(remaining, Math::min);
                    }
                    highestTaken.accumulateAndGet(fixtures.sale(sale).taken(), Math::max);
                    samples.incrementAndGet();
                }).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))
                .subscribe();

        List<Attempt> attempts = storm(sale, BUYERS);
        watcher.dispose();
        assertThat(samples.get()).isPositive();
        assertThat(lowestRedis.get()).isGreaterThanOrEqualTo(0);
        assertThat(highestTaken.get()).isLessThanOrEqualTo(STOCK);

        assertThat(attempts.stream().filter(a -> a.status() == 201).count()).as(histogram(attempts)).isEqualTo(STOCK);
        assertThat(attempts.stream().filter(a -> a.status() != 201))
                .hasSize(BUYERS - STOCK)
                .allSatisfy(a -> assertThat(a).isEqualTo(new Attempt(409, "sold_out", null)));
        assertThat(fixtures.sale(sale)).isEqualTo(new InventoryFixtures.Sale(STOCK, STOCK, 0));
        assertThat(fixtures.heldInSale(sale)).isEqualTo(STOCK);
        assertThat(redisRemaining(sale)).isZero();
        assertThat(read(sale, 0)).containsEntry("remaining", 0).containsEntry("claimed", STOCK);
        assertThat(read(sale, 1)).containsEntry("state", "SOLD_OUT");
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(80, STOCK));
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 30);
        assertThat(reconciliation.reconcile().block().repaired()).isZero();
    }

    @Test
    void expiredUnitsAreSoldAgainButNeverMoreThanOnHand() {
        UUID variant = fixtures.variant(STOCK, 4999);
        UUID sale = sale(variant, STOCK, 900);

        List<Attempt> first = storm(sale, 300);
        List<String> granted = first.stream().filter(a -> a.status() == 201).map(Attempt::reservationId).toList();
        assertThat(granted).as(histogram(first)).hasSize(STOCK);
        // Twenty buyers pay; the other thirty holds run out, as if their fifteen minutes had passed.
        granted.subList(0, 20).forEach(id -> inventory.confirm(UUID.fromString(id)).block());
        db.sql("UPDATE stock_reservations SET expires_at = now() - interval '1 second' "
                + "WHERE flash_sale_id = :sale AND status = 'ACTIVE'").bind("sale", sale).then().block();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(fixtures.sale(sale).taken()).isEqualTo(20);
            assertThat(redisRemaining(sale)).isEqualTo(STOCK - 20);
        });

        List<Attempt> second = storm(sale, 300);
        assertThat(second.stream().filter(a -> a.status() == 201).count()).as(histogram(second)).isEqualTo(STOCK - 20);
        assertThat(second.stream().filter(a -> a.status() != 201))
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("sold_out"));
        assertThat(fixtures.sale(sale)).isEqualTo(new InventoryFixtures.Sale(STOCK, STOCK, 20));
        assertThat(fixtures.heldInSale(sale)).isEqualTo(STOCK);
        // Sold units left the warehouse; the rest of the pool is still held for the sale.
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(STOCK - 20, STOCK - 20));
        assertThat(redisRemaining(sale)).isZero();
    }

    static String histogram(List<Attempt> attempts) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        attempts.forEach(a -> counts.merge(a.status() + " " + a.code(), 1L, Long::sum));
        return "answers: " + counts;
    }

    @Test
    void postgresqlHoldsTheLimitWhenRedisMiscountsABuyer() {
        UUID variant = fixtures.variant(STOCK, 4999);
        UUID sale = sale(variant, STOCK, 900);
        assertThat(storm(sale, 1)).singleElement().extracting(Attempt::status).isEqualTo(201); // loads the sale
        UUID buyer = UUID.randomUUID();
        String token = tokens.customer(buyer);
        // Redis believes this buyer holds nothing and then some (a rebuild that raced in-flight claims).
        redis.opsForHash().put("surge:inv:{fs:" + sale + "}:buyers", "user:" + buyer, "-100").block();

        List<Attempt> attempts = Flux.range(0, 20).flatMap(i -> attempt(sale, i % 2, token, 5), 20)
                .collectList().block(Duration.ofMinutes(1));

        assertThat(attempts.stream().filter(a -> a.status() == 201).count()).as(histogram(attempts)).isEqualTo(1);
        assertThat(attempts.stream().filter(a -> a.status() != 201))
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("purchase_limit_exceeded"));
        assertThat(fixtures.sale(sale).taken()).isEqualTo(2);
        // Every refused grant went back: the pool in Redis matches PostgreSQL.
        assertThat(redisRemaining(sale)).isEqualTo(STOCK - 2);
    }

    @Test
    void losingRedisInTheMiddleOfASaleNeverOversells() {
        UUID variant = fixtures.variant(STOCK, 4999);
        UUID sale = sale(variant, STOCK, 900);
        AtomicInteger granted = new AtomicInteger();
        AtomicBoolean flushed = new AtomicBoolean();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

        List<String> buyers = IntStream.range(0, 600).mapToObj(i -> tokens.customer(UUID.randomUUID())).toList();
        Flux.range(0, 600)
                .flatMap(i -> Mono.defer(() -> {
                    // Redis loses everything after the first 15 grants, while attempts are in flight.
                    if (granted.get() >= 15 && flushed.compareAndSet(false, true)) {
                        return redis.execute(connection -> connection.serverCommands().flushDb()).then(Mono.just(0));
                    }
                    return Mono.just(0);
                }).then(client.post()
                        .uri("http://127.0.0.1:" + ports.get(i % 2) + "/api/v1/flash-sales/" + sale + "/reservations")
                        .headers(h -> h.setBearerAuth(buyers.get(i))).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("quantity", 1))
                        .exchangeToMono(response -> Mono.just(response.statusCode().value())))
                        .doOnNext(status -> {
                            statuses.merge(status, 1, Integer::sum);
                            if (status == 201) {
                                granted.incrementAndGet();
                            }
                        }), 100)
                .then().block(Duration.ofMinutes(3));

        assertThat(flushed).isTrue();
        assertThat(statuses.keySet()).containsOnly(201, 409);
        assertThat(granted.get()).isEqualTo(STOCK);
        assertThat(fixtures.sale(sale).taken()).isEqualTo(STOCK);
        assertThat(fixtures.heldInSale(sale)).isEqualTo(STOCK);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(STOCK, STOCK));
        reconciliation.reconcile().block();
        assertThat(redisRemaining(sale)).isZero();
    }
}
