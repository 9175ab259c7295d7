package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.JwtKeys;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import dev.surge.support.KafkaProcess;
import dev.surge.support.LocalServices;
import dev.surge.support.PlainHttp;
import dev.surge.support.PlainHttp.Answer;
import dev.surge.support.RedisProcess;
import dev.surge.support.SurgeInstances;
import dev.surge.support.SurgeProcess;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Fault test: the Kafka broker of a Surge process is killed for 20 s and started again on the same port and log
 * directory. The instance has a database, a Redis and a broker of its own (every instance relays every outbox row,
 * so this JVM's instance must not see its rows). Checkouts go on being answered 201 while the broker is down, their
 * events wait in the outbox, the relay drains it once the broker is back, and the order-placed consumer applies
 * each event exactly once (one email per order). Readiness stays UP throughout: requests never wait for the broker.
 */
class KafkaOutageFaultIntegrationTests extends IntegrationTest {

    static final Duration OUTAGE = Duration.ofSeconds(20);

    @Autowired
    JwtKeys jwtKeys;

    @Test
    void theOutboxHoldsEventsWhileKafkaIsDownAndEveryConsumerAppliesEachOnceAfterwards() {
        String database = System.getenv().getOrDefault("SURGE_TEST_DB", "surge_test") + "_kafka";
        Map<String, String> ownDatabase = LocalServices.postgres(database, true);
        try (KafkaProcess kafka = KafkaProcess.start(); RedisProcess redis = RedisProcess.start()) {
            Map<String, String> properties = new LinkedHashMap<>(SurgeInstances.redisAt(serviceProperties(), redis.port()));
            properties.putAll(ownDatabase);
            properties.put("surge.events.bootstrap-servers", kafka.bootstrapServers());
            properties.put(SurgeInstances.CONSUMERS, "true"); // its own broker: its consumers are the ones tested
            try (SurgeProcess surge = SurgeProcess.start("kafka-outage", properties, jwtKeys)) {
                DatabaseClient db = DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions
                        .parse(ownDatabase.get("spring.r2dbc.url")).mutate()
                        .option(ConnectionFactoryOptions.USER, ownDatabase.get("spring.r2dbc.username"))
                        .option(ConnectionFactoryOptions.PASSWORD, ownDatabase.get("spring.r2dbc.password")).build()));
                UUID variant = new CatalogRows(db).variant(100, 2100, "USD", null).id();
                PlainHttp client = new PlainHttp(surge.baseUrl(), Duration.ofSeconds(15));
                List<UUID> orders = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    orders.add(checkout(client, variant));
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> placedMails(db, orders) == orders.size());

                kafka.kill();
                Instant until = Instant.now().plus(OUTAGE);
                List<UUID> duringOutage = new ArrayList<>();
                List<Integer> readiness = new ArrayList<>();
                while (Instant.now().isBefore(until)) {
                    duringOutage.add(checkout(client, variant));
                    readiness.add(surge.readiness());
                    sleep(Duration.ofSeconds(2));
                }
                // Still in the load balancer: it serves without the broker.
                assertThat(readiness).containsOnly(200);
                assertThat(duringOutage).hasSizeGreaterThanOrEqualTo(5);
                assertThat(unpublished(db)).as("events waiting in the outbox").isPositive();

                kafka.restart();
                orders.addAll(duringOutage);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> unpublished(db) == 0);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> placedMails(db, orders) == orders.size());
                // Exactly once per order and per consumer, and still so a while later (redeliveries absorbed).
                sleep(Duration.ofSeconds(5));
                for (UUID order : orders) {
                    assertThat(db.sql("SELECT template FROM notifications WHERE order_id = :id").bind("id", order)
                            .map(row -> row.get(0, String.class)).all().collectList().block())
                            .as("emails of order %s", order).hasSize(1);
                }
                assertThat(db.sql("SELECT handler, count(*) AS n FROM processed_events GROUP BY handler HAVING count(*) > 0")
                        .map(row -> row.get("handler", String.class)).all().collectList().block())
                        .contains("notifications.order-placed");
                assertThat(surge.alive()).isTrue();
            }
        }
    }

    private static UUID checkout(PlainHttp client, UUID variant) {
        Answer answer = client.post("/api/v1/orders", null,
                PaymentFixtures.checkoutBody("kafka-" + UUID.randomUUID() + "@example.com", variant, 1),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("id").toString());
    }

    private static long placedMails(DatabaseClient db, List<UUID> orders) {
        return db.sql("SELECT count(DISTINCT order_id) FROM notifications WHERE order_id = ANY(:ids)")
                .bind("ids", orders.toArray(UUID[]::new)).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    private static long unpublished(DatabaseClient db) {
        return db.sql("SELECT count(*) FROM outbox_events WHERE published_at IS NULL")
                .map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
