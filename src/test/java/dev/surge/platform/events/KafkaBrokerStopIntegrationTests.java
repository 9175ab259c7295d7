package dev.surge.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.events.DeadLetterTestHandlers.Poked;
import dev.surge.support.IntegrationTest;
import dev.surge.support.LocalServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * A replicated Kafka loses a broker in the middle of traffic ({@code -Pcluster}: three brokers, topics with three
 * replicas and {@code min.insync.replicas=2}, producers with {@code acks=all} and idempotence). Events keep being
 * written to the outbox while the broker that leads partitions of the test topic stops; every one of them reaches
 * the handler, and its effect is applied exactly once: none lost by the relay or the broker, none applied twice
 * although consumers lose their coordinator or partition leaders and redeliver what they had not committed.
 */
@EnabledIfSystemProperty(named = "surge.test.kafka-brokers", matches = "[3-9]")
class KafkaBrokerStopIntegrationTests extends IntegrationTest {

    static final int EVENTS = 300;

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    EventsProperties properties;
    @Autowired
    DatabaseClient db;

    @Test
    void aBrokerStoppedMidTrafficLosesNoEventAndDuplicatesNoEffect() throws Exception {
        assertThat(properties.replicationFactor()).isEqualTo((short) 3);
        assertThat(properties.minInsyncReplicas()).isEqualTo(2);
        KafkaClusterTestKit kafka = LocalServices.kafkaCluster();
        int victim;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(DeadLetterTestHandlers.TOPIC)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(DeadLetterTestHandlers.TOPIC);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            String minInsync = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    DeadLetterTestHandlers.TOPIC))).all().get(30, TimeUnit.SECONDS).values().iterator().next()
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
            assertThat(minInsync).isEqualTo("2");
            victim = topic.partitions().get(0).leader().id(); // leads at least one partition of the topic
        }

        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            ids.add(UUID.randomUUID());
        }
        // Ten events per transaction, a transaction every 50 ms; the broker stops after a third of them.
        for (int batch = 0; batch < EVENTS / 10; batch++) {
            if (batch == EVENTS / 30) {
                BrokerServer broker = kafka.brokers().get(victim);
                broker.shutdown();
                broker.awaitShutdown();
            }
            Flux.fromIterable(ids.subList(batch * 10, batch * 10 + 10))
                    .concatMap(id -> outbox.append(new Poked(id, id.toString())))
                    .then().as(tx::transactional).block(Duration.ofSeconds(30));
            Thread.sleep(50);
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(ids).allSatisfy(id ->
                        assertThat(DeadLetterTestHandlers.applied(DeadLetterTestHandlers.STEADY_APPLIED, id)).isPositive()));
        // Redeliveries come late (a consumer that lost its partitions re-reads from the last commit): give them time.
        Thread.sleep(5_000);
        assertThat(ids).allSatisfy(id ->
                assertThat(DeadLetterTestHandlers.applied(DeadLetterTestHandlers.STEADY_APPLIED, id)).as("applied %s", id).isEqualTo(1));
        Long unpublished = db.sql("SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL AND topic = :topic")
                .bind("topic", DeadLetterTestHandlers.TOPIC).map(row -> row.get("n", Long.class)).one().block();
        assertThat(unpublished).isZero();
        assertThat(kafka.brokers().get(victim).isShutdown()).isTrue();
    }
}
