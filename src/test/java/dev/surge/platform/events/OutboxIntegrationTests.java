package dev.surge.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.events.EventTransport.OutboundMessage;
import dev.surge.platform.persistence.DatabaseProperties;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The event backbone end to end: outbox rows, relays, the real embedded broker and the consumer base. */
class OutboxIntegrationTests extends IntegrationTest {

    static final String TOPIC = "surge.test.outbox";

    record TestEvent(UUID id, String note) implements DomainEvent {

        @Override
        public String topic() {
            return TOPIC;
        }

        @Override
        public String key() {
            return id.toString();
        }
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    ReactiveTransactionManager transactions;
    @Autowired
    DatabaseClient db;
    @Autowired
    R2dbcProperties r2dbc;
    @Autowired
    DatabaseProperties database;
    @Autowired
    OutboxRelay applicationRelay;
    @Autowired
    EventTransport transport;
    @Autowired
    EventsProperties properties;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EventConsumers consumers;

    @BeforeEach
    void createTopics() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()))) {
            for (String name : List.of(TOPIC, TOPIC + ".dlt")) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
                }
            }
        }
    }

    @Test
    void appendingOutsideATransactionFails() {
        StepVerifier.create(outbox.append(new TestEvent(UUID.randomUUID(), "no tx")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("inside the transaction"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        UUID rolledBack = UUID.randomUUID();
        Mono<Void> failing = outbox.append(new TestEvent(rolledBack, "rolled back"))
                .then(Mono.<Void>error(new IllegalStateException("business rule failed")))
                .as(tx::transactional);
        StepVerifier.create(failing).expectError(IllegalStateException.class).verify(Duration.ofSeconds(5));
        UUID fence = UUID.randomUUID();
        outbox.append(new TestEvent(fence, "fence")).as(tx::transactional).block();

        assertThat(rowsFor(rolledBack)).isZero();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(properties.bootstrapServers(), TOPIC,
                seen -> keys(seen).contains(fence.toString()), Duration.ofSeconds(20), Duration.ofMillis(500));
        assertThat(keys(records)).contains(fence.toString()).doesNotContain(rolledBack.toString());
    }

    @Test
    void theEventsOfATransactionAreWrittenTogetherAtItsCommitInTheOrderAppended() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID atCommit = UUID.randomUUID();
        Long seenInside = outbox.append(new TestEvent(first, "first"))
                .then(outbox.beforeCommit(outbox.append(new TestEvent(atCommit, "appended by work before the commit"))))
                .then(outbox.append(new TestEvent(second, "second")))
                .then(Mono.defer(() -> db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_key IN (:keys)")
                        .bind("keys", List.of(first.toString(), second.toString()))
                        .map(row -> row.get("n", Long.class)).one()))
                .as(tx::transactional)
                .block(Duration.ofSeconds(10));

        assertThat(seenInside).as("not written before the commit").isZero();
        List<Map<String, Object>> rows = db.sql("""
                SELECT event_key, event_type, payload->>'note' AS note, headers ? 'surge-request-id' AS headed
                FROM outbox_events WHERE event_key IN (:keys) ORDER BY id""")
                .bind("keys", List.of(first.toString(), second.toString(), atCommit.toString()))
                .fetch().all().collectList().block(Duration.ofSeconds(10));
        assertThat(rows).extracting(row -> row.get("event_key"))
                .containsExactly(first.toString(), second.toString(), atCommit.toString());
        assertThat(rows).extracting(row -> row.get("note"))
                .containsExactly("first", "second", "appended by work before the commit");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("event_type")).isEqualTo("TestEvent");
            assertThat(row.get("headed")).isEqualTo(true);
        });
    }

    @Test
    void aFlushWritesWhatWasAppendedSoFarAndTheRestWaitsForTheCommit() {
        UUID flushed = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        Function<UUID, Mono<Long>> count = key -> db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_key = :key")
                .bind("key", key.toString()).map(row -> row.get("n", Long.class)).one();
        List<Long> inside = outbox.append(new TestEvent(flushed, "flushed"))
                .then(outbox.flush())
                .then(outbox.append(new TestEvent(later, "later")))
                .then(Mono.defer(() -> Flux.concat(count.apply(flushed), count.apply(later)).collectList()))
                .as(tx::transactional)
                .block(Duration.ofSeconds(10));

        assertThat(inside).containsExactly(1L, 0L);
        assertThat(rowsFor(flushed)).isOne();
        assertThat(rowsFor(later)).isOne();
        StepVerifier.create(outbox.flush()).verifyComplete();
    }

    @Test
    void aTransactionOfItsOwnInsideAnotherWritesItsOwnEventsOnly() {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();
        TransactionalOperator own = TransactionalOperator.create(transactions,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
        Mono<Void> failing = outbox.append(new TestEvent(outer, "outer, rolled back"))
                .then(outbox.append(new TestEvent(inner, "inner, committed")).as(own::transactional))
                .then(Mono.<Void>error(new IllegalStateException("the outer transaction fails")))
                .as(tx::transactional);

        StepVerifier.create(failing).expectError(IllegalStateException.class).verify(Duration.ofSeconds(10));
        assertThat(rowsFor(inner)).isOne();
        assertThat(rowsFor(outer)).isZero();
    }

    @Test
    void aCommitThatFailsBeforeItsEventsAreWrittenLeavesNone() {
        UUID appended = UUID.randomUUID();
        Mono<Void> failing = outbox.append(new TestEvent(appended, "appended"))
                .then(outbox.beforeCommit(Mono.error(new IllegalStateException("the last write failed"))))
                .as(tx::transactional);

        StepVerifier.create(failing).expectError(IllegalStateException.class).verify(Duration.ofSeconds(10));
        assertThat(rowsFor(appended)).isZero();
    }

    @Test
    void committedEventsArePublishedExactlyOnceWithTwoRelaysRacing() {
        List<UUID> ids = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID()).toList();
        applicationRelay.stop(); // two relays of our own, small batches, so they really contend for rows
        try {
            Flux.fromIterable(ids).concatMap(id -> outbox.append(new TestEvent(id, "race")))
                    .then()
                    .as(tx::transactional)
                    .block();
            EventsProperties smallBatches = new EventsProperties(properties.bootstrapServers(), "test", 3, properties.replicationFactor(), properties.minInsyncReplicas(),
                    new EventsProperties.Relay(true, 7, 3, Duration.ofSeconds(1), Duration.ofDays(1)),
                    properties.consumer(), properties.deadLetters());
            OutboxRelay first = new OutboxRelay(new OutboxRows(db, tx, json), r2dbc, database, transport, smallBatches, meters);
            OutboxRelay second = new OutboxRelay(new OutboxRows(db, tx, json), r2dbc, database, transport, smallBatches, meters);
            AtomicLong byFirst = new AtomicLong();
            AtomicLong bySecond = new AtomicLong();
            Flux.merge(first.drain().doOnNext(byFirst::addAndGet).subscribeOn(Schedulers.parallel()),
                            second.drain().doOnNext(bySecond::addAndGet).subscribeOn(Schedulers.parallel()))
                    .blockLast(Duration.ofSeconds(60));

            assertThat(byFirst.get() + bySecond.get()).isGreaterThanOrEqualTo(ids.size());
            assertThat(byFirst.get()).as("first relay published some").isPositive();
            assertThat(bySecond.get()).as("second relay published some").isPositive();
        } finally {
            applicationRelay.start();
        }
        Set<String> wanted = ids.stream().map(UUID::toString).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(properties.bootstrapServers(), TOPIC,
                seen -> keys(seen).containsAll(wanted), Duration.ofSeconds(30), Duration.ofSeconds(2));
        Map<String, Long> deliveries = records.stream().map(ConsumerRecord::key).filter(wanted::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(deliveries).hasSize(ids.size());
        assertThat(deliveries.values()).allMatch(count -> count == 1L);
        assertThat(db.sql("SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL AND event_key = ANY(:keys)")
                .bind("keys", wanted.toArray(String[]::new)).map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void aRowTheBrokerRefusesIsParkedAndDoesNotBlockTheOthers() {
        UUID poison = UUID.randomUUID();
        // Over the producer's 1 MB request limit: refused by the client itself, every time.
        String oversized = "{\"id\":\"" + poison + "\",\"note\":\"" + "x".repeat(1_200_000) + "\"}";
        db.sql("INSERT INTO outbox_events (id, topic, event_key, event_type, payload) VALUES (:id, :topic, :key, 'TestEvent', CAST(:payload AS jsonb))")
                .bind("id", dev.surge.platform.persistence.Ids.newId()).bind("topic", TOPIC)
                .bind("key", poison.toString()).bind("payload", oversized)
                .then().as(tx::transactional).block();
        List<UUID> healthy = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        Flux.fromIterable(healthy).concatMap(id -> outbox.append(new TestEvent(id, "behind the poison")))
                .then().as(tx::transactional).block();

        Set<String> wanted = healthy.stream().map(UUID::toString).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(properties.bootstrapServers(), TOPIC,
                seen -> keys(seen).containsAll(wanted), Duration.ofSeconds(30), Duration.ZERO);
        assertThat(keys(records)).containsAll(wanted).doesNotContain(poison.toString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(db.sql("SELECT attempts FROM outbox_events WHERE event_key = :key AND published_at IS NULL")
                        .bind("key", poison.toString()).map(row -> row.get("attempts", Integer.class)).one().block())
                        .isEqualTo(properties.relay().maxAttempts()));
        assertThat(db.sql("SELECT last_error FROM outbox_events WHERE event_key = :key")
                .bind("key", poison.toString()).map(row -> row.get("last_error", String.class)).one().block())
                .contains("RecordTooLarge");
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        CountingHandler handler = new CountingHandler(0);
        UUID eventId = publishTwice(new TestEvent(UUID.randomUUID(), "twice"));

        List<String> outcomes = consume(handler, eventId, 2);

        assertThat(outcomes).hasSize(2);
        assertThat(handler.applied.get()).isEqualTo(1);
        assertThat(processed(handler.name(), eventId)).isEqualTo(1);
    }

    @Test
    void anEventItsHandlerDoesNotWantIsSettledWithoutWorkOrRecord() {
        CountingHandler handler = new CountingHandler(0);
        UUID unwanted = publishTwice(new TestEvent(UUID.randomUUID(), CountingHandler.UNWANTED));
        UUID wanted = publishTwice(new TestEvent(UUID.randomUUID(), "wanted"));
        double before = consumed(handler.name(), EventConsumers.NOT_WANTED);

        assertThat(consume(handler, unwanted, 2)).hasSize(2);
        consume(handler, wanted, 1);

        assertThat(handler.attempts.get()).isEqualTo(1);
        assertThat(processed(handler.name(), unwanted)).isZero();
        assertThat(processed(handler.name(), wanted)).isEqualTo(1);
        assertThat(consumed(handler.name(), EventConsumers.NOT_WANTED) - before).isEqualTo(2.0);
    }

    @Test
    void aTransientFailureIsRetriedAndThenApplied() {
        CountingHandler handler = new CountingHandler(2);
        UUID eventId = publishTwice(new TestEvent(UUID.randomUUID(), "flaky"));

        consume(handler, eventId, 2);

        assertThat(handler.attempts.get()).isEqualTo(3);
        assertThat(handler.applied.get()).isEqualTo(1);
        assertThat(processed(handler.name(), eventId)).isEqualTo(1);
    }

    @Test
    void anEventThatKeepsFailingGoesToTheDeadLetterTopic() {
        CountingHandler handler = new CountingHandler(Integer.MAX_VALUE);
        UUID eventId = publishTwice(new TestEvent(UUID.randomUUID(), "poison"));

        consume(handler, eventId, 1);

        assertThat(handler.attempts.get()).isEqualTo(properties.consumer().maxAttempts());
        assertThat(processed(handler.name(), eventId)).isZero();
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(properties.bootstrapServers(), TOPIC + ".dlt",
                seen -> seen.stream().anyMatch(r -> eventId.toString().equals(TopicReader.header(r, EventTransport.EVENT_ID))),
                Duration.ofSeconds(20), Duration.ZERO);
        assertThat(dead).filteredOn(r -> eventId.toString().equals(TopicReader.header(r, EventTransport.EVENT_ID)))
                .singleElement()
                .satisfies(r -> assertThat(TopicReader.header(r, "surge-dlt-handler")).isEqualTo(handler.name()));
    }

    @Test
    void eventsThatArriveTogetherAreAppliedInOneTransactionEachOnce() {
        TransactionRecordingHandler handler = new TransactionRecordingHandler(db);
        Set<UUID> events = Set.of(publishTwice(new TestEvent(UUID.randomUUID(), "first")),
                publishTwice(new TestEvent(UUID.randomUUID(), "second")),
                publishTwice(new TestEvent(UUID.randomUUID(), "third")));
        double handledBefore = consumed(handler.name(), ProcessedEvents.HANDLED);
        double duplicatesBefore = consumed(handler.name(), ProcessedEvents.DUPLICATE);

        assertThat(consumeTogether(handler, events, 6)).isEqualTo(6);

        assertThat(handler.applied).hasSize(3);
        assertThat(Set.copyOf(handler.applied.values())).as("the transaction of each event").hasSize(1);
        events.forEach(id -> assertThat(processed(handler.name(), id)).isEqualTo(1));
        assertThat(consumed(handler.name(), ProcessedEvents.HANDLED) - handledBefore).isEqualTo(3.0);
        assertThat(consumed(handler.name(), ProcessedEvents.DUPLICATE) - duplicatesBefore).isEqualTo(3.0);
    }

    @Test
    void aBatchWithAFailingEventIsSettledOneEventAtATime() {
        TransactionRecordingHandler handler = new TransactionRecordingHandler(db);
        UUID good = publishTwice(new TestEvent(UUID.randomUUID(), "good"));
        UUID poison = publishTwice(new TestEvent(UUID.randomUUID(), TransactionRecordingHandler.POISON));
        UUID alsoGood = publishTwice(new TestEvent(UUID.randomUUID(), "also good"));
        double handledBefore = consumed(handler.name(), ProcessedEvents.HANDLED);
        double deadBefore = consumed(handler.name(), "dead_lettered");

        assertThat(consumeTogether(handler, Set.of(good, poison, alsoGood), 6)).isEqualTo(6);

        assertThat(processed(handler.name(), good)).isEqualTo(1);
        assertThat(processed(handler.name(), alsoGood)).isEqualTo(1);
        assertThat(processed(handler.name(), poison)).as("rolled back with the batch, then dead-lettered").isZero();
        assertThat(consumed(handler.name(), ProcessedEvents.HANDLED) - handledBefore).isEqualTo(2.0);
        assertThat(consumed(handler.name(), "dead_lettered") - deadBefore).isEqualTo(2.0);
        assertThat(Set.copyOf(handler.applied.values())).as("applied on their own after the batch failed")
                .hasSizeGreaterThan(1);
    }

    /** Feeds the deliveries of these events through the consumer's batch path as one batch; answers its size. */
    private Integer consumeTogether(EventHandler<TestEvent> handler, Set<UUID> eventIds, int deliveries) {
        return transport.receive("test-" + UUID.randomUUID(), TOPIC)
                .filter(message -> eventIds.contains(UUID.fromString(message.header(EventTransport.EVENT_ID))))
                .buffer(deliveries)
                .concatMap(batch -> consumers.processAll(handler, batch).thenReturn(batch.size()))
                .blockFirst(Duration.ofSeconds(60));
    }

    /** Commits the event through the outbox, then publishes the very same message again, as a redelivery would. */
    private UUID publishTwice(TestEvent event) {
        outbox.append(event).as(tx::transactional).block();
        UUID eventId = db.sql("SELECT id FROM outbox_events WHERE event_key = :key")
                .bind("key", event.key()).map(row -> row.get("id", UUID.class)).one().block();
        transport.publish(List.of(new OutboundMessage(eventId, TOPIC, event.key(), "TestEvent",
                json.writeValueAsBytes(event), Map.of()))).block(Duration.ofSeconds(10));
        return eventId;
    }

    /** Feeds this event's deliveries through the real consumer path; returns once {@code deliveries} were settled. */
    private List<String> consume(CountingHandler handler, UUID eventId, int deliveries) {
        return transport.receive("test-" + UUID.randomUUID(), TOPIC)
                .filter(message -> eventId.toString().equals(message.header(EventTransport.EVENT_ID)))
                .concatMap(message -> consumers.process(handler, message).thenReturn(message.offset() + ""))
                .take(deliveries)
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    private double consumed(String handler, String outcome) {
        var counter = meters.find("surge.events.consumed").tag("handler", handler).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private int processed(String handler, UUID eventId) {
        return db.sql("SELECT count(*) AS n FROM processed_events WHERE handler = :h AND event_id = :id")
                .bind("h", handler).bind("id", eventId).map(row -> row.get("n", Long.class)).one().block().intValue();
    }

    private long rowsFor(UUID eventKey) {
        return db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_key = :key")
                .bind("key", eventKey.toString()).map(row -> row.get("n", Long.class)).one().block();
    }

    private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toCollection(HashSet::new));
    }

    /** A handler of {@link TestEvent} on the test topic, under a name of its own (so a consumer group of its own). */
    abstract static class TestHandler implements EventHandler<TestEvent> {

        private final String name;

        TestHandler(String prefix) {
            this.name = prefix + UUID.randomUUID();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String topic() {
            return TOPIC;
        }

        @Override
        public Class<TestEvent> eventType() {
            return TestEvent.class;
        }
    }

    /** Records the transaction each event was applied in ({@code txid_current()}); fails on {@link #POISON}. */
    static final class TransactionRecordingHandler extends TestHandler {

        static final String POISON = "poison";

        final Map<UUID, Long> applied = new java.util.concurrent.ConcurrentHashMap<>();
        private final DatabaseClient db;

        TransactionRecordingHandler(DatabaseClient db) {
            super("test.batched-");
            this.db = db;
        }

        @Override
        public Mono<Void> handle(TestEvent event, EventMetadata metadata) {
            return POISON.equals(event.note()) ? Mono.error(new IllegalStateException("poison"))
                    : db.sql("SELECT txid_current() AS tx").map(row -> row.get("tx", Long.class)).one()
                            .doOnNext(tx -> applied.put(event.id(), tx)).then();
        }
    }

    /**
     * Fails its first {@code failures} attempts, then counts how often it really applied an event; does not want
     * events noted {@link #UNWANTED}.
     */
    static final class CountingHandler extends TestHandler {

        static final String UNWANTED = "unwanted";

        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger applied = new AtomicInteger();
        private final int failures;

        CountingHandler(int failures) {
            super("test.counting-");
            this.failures = failures;
        }

        @Override
        public boolean wants(TestEvent event) {
            return !UNWANTED.equals(event.note());
        }

        @Override
        public Mono<Void> handle(TestEvent event, EventMetadata metadata) {
            return Mono.defer(() -> attempts.incrementAndGet() <= failures
                    ? Mono.error(new IllegalStateException("attempt " + attempts.get() + " fails"))
                    : Mono.fromRunnable(applied::incrementAndGet));
        }
    }
}
