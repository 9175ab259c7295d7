package dev.surge.platform.events;

import static dev.surge.platform.events.DeadLetterTestHandlers.FLAKY;
import static dev.surge.platform.events.DeadLetterTestHandlers.FLAKY_APPLIED;
import static dev.surge.platform.events.DeadLetterTestHandlers.STEADY;
import static dev.surge.platform.events.DeadLetterTestHandlers.STEADY_APPLIED;
import static dev.surge.platform.events.DeadLetterTestHandlers.TOPIC;
import static dev.surge.platform.events.DeadLetterTestHandlers.applied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.events.DeadLetterTestHandlers.Poked;
import dev.surge.platform.events.EventTransport.InboundMessage;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Dead letters end to end: a real handler fails an event until it is switched back on, the consumer base parks
 * the event on the dead-letter topic, the recorder stores it, an admin lists it over HTTP, replays it to that
 * handler alone and sees it applied once; discards and bad requests change nothing further.
 */
class DeadLettersIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final String BASE = "/api/v1/admin/events/dead-letters";

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DeadLetterDepth depth;
    @Autowired
    DeadLetterRecorder recorder;

    UUID adminId;
    String admin;
    String customer;

    @BeforeEach
    void setUp() {
        TestTokens tokens = new TestTokens(accessTokens);
        adminId = UUID.randomUUID();
        admin = tokens.as(adminId, "ADMIN");
        customer = tokens.customer(UUID.randomUUID());
    }

    @Test
    void aDeadLetteredEventIsListedThenReplayedToItsHandlerOnlyAndAppliedOnce() {
        Poked event = new Poked(UUID.randomUUID(), UUID.randomUUID().toString());
        DeadLetterTestHandlers.FAILING.add(event.id());
        UUID eventId = publish(event);
        Map<String, Object> letter = awaitPending(eventId);

        assertThat(letter).containsEntry("status", "pending").containsEntry("topic", TOPIC)
                .containsEntry("key", event.key()).containsEntry("eventType", "Poked").containsEntry("handler", FLAKY)
                .containsEntry("errorClass", "java.lang.IllegalStateException")
                .containsEntry("errorMessage", "switched off for " + event.id());
        assertThat(letter.get("partition")).isNotNull();
        assertThat(letter.get("offset")).isNotNull();
        assertThat(letter.get("deadLetteredAt")).isNotNull();
        assertThat(letter).doesNotContainKeys("payload", "headers", "stackTrace");
        assertThat(applied(FLAKY_APPLIED, event.id())).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(STEADY_APPLIED, event.id()) == 1);
        String id = (String) letter.get("id");
        long pendingBefore = depth.refresh().block().getOrDefault(TOPIC, 0L);
        assertThat(pendingBefore).isPositive();
        assertThat(meters.get(DeadLetterDepth.GAUGE).tag("topic", TOPIC).gauge().value()).isEqualTo(pendingBefore);

        // The fault is fixed; the replay goes back through the consumer to the flaky handler alone.
        DeadLetterTestHandlers.FAILING.remove(event.id());
        double steadyDuplicates = meters.counter("surge.events.consumed", "handler", STEADY, "outcome", "duplicate").count();
        Map<String, Object> replayed = post(BASE + "/" + id + "/replay", admin).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(replayed).containsEntry("status", "replayed").containsEntry("resolvedBy", adminId.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(FLAKY_APPLIED, event.id()) == 1);

        // A later event on the same key (same partition, after the replay) fences the steady handler's reading.
        Poked fence = new Poked(UUID.randomUUID(), event.key());
        publish(fence);
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(STEADY_APPLIED, fence.id()) == 1
                && applied(FLAKY_APPLIED, fence.id()) == 1);
        assertThat(applied(FLAKY_APPLIED, event.id())).isEqualTo(1);
        assertThat(applied(STEADY_APPLIED, event.id())).isEqualTo(1);
        assertThat(meters.counter("surge.events.consumed", "handler", STEADY, "outcome", "duplicate").count())
                .as("the steady handler never saw the replay").isEqualTo(steadyDuplicates);
        assertThat(processed(FLAKY, eventId)).isEqualTo(1);

        // A second replay of the same row is refused and sends nothing; a bulk replay finds nothing of it.
        problem(post(BASE + "/" + id + "/replay", admin), 409, "dead_letter_not_pending");
        problem(post(BASE + "/" + id + "/discard", admin), 409, "dead_letter_not_pending");
        assertThat(status(id)).isEqualTo("replayed");
        assertThat(depth.refresh().block().getOrDefault(TOPIC, 0L)).isEqualTo(pendingBefore - 1);
        assertThat(meters.get(DeadLetterDepth.GAUGE).tag("topic", TOPIC).gauge().value()).isEqualTo(pendingBefore - 1);
        assertThat(audit(id)).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("action", "events.dead_letter.replayed").containsEntry("actorId", adminId.toString()));
    }

    @Test
    void replayingAllPendingOfAHandlerSendsEachBackOnce() {
        Poked first = new Poked(UUID.randomUUID(), UUID.randomUUID().toString());
        Poked second = new Poked(UUID.randomUUID(), UUID.randomUUID().toString());
        DeadLetterTestHandlers.FAILING.addAll(List.of(first.id(), second.id()));
        String firstRow = (String) awaitPending(publish(first)).get("id");
        String secondRow = (String) awaitPending(publish(second)).get("id");
        DeadLetterTestHandlers.FAILING.removeAll(List.of(first.id(), second.id()));

        Map<String, Object> answer = post(BASE + "/replay?topic=" + TOPIC + "&handler=" + FLAKY, admin)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        assertThat(((Number) answer.get("replayed")).longValue()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(FLAKY_APPLIED, first.id()) == 1
                && applied(FLAKY_APPLIED, second.id()) == 1);
        assertThat(status(firstRow)).isEqualTo("replayed");
        assertThat(status(secondRow)).isEqualTo("replayed");
        assertThat(audit(firstRow)).extracting(entry -> entry.get("action")).containsExactly("events.dead_letter.replayed");
        Map<String, Object> again = post(BASE + "/replay?handler=" + FLAKY, admin).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(((Number) again.get("replayed")).longValue()).isZero();
    }

    @Test
    void aDiscardedDeadLetterIsKeptAsDiscardedAuditedAndNeverReplayed() {
        Poked event = new Poked(UUID.randomUUID(), UUID.randomUUID().toString());
        DeadLetterTestHandlers.FAILING.add(event.id());
        String id = (String) awaitPending(publish(event)).get("id");
        DeadLetterTestHandlers.FAILING.remove(event.id());

        problem(post(BASE + "/" + id + "/discard", customer), 403, "forbidden");
        assertThat(status(id)).isEqualTo("pending");
        Map<String, Object> discarded = post(BASE + "/" + id + "/discard", admin).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();

        assertThat(discarded).containsEntry("status", "discarded").containsEntry("resolvedBy", adminId.toString());
        assertThat(discarded.get("resolvedAt")).isNotNull();
        problem(post(BASE + "/" + id + "/replay", admin), 409, "dead_letter_not_pending");
        problem(post(BASE + "/" + id + "/discard", admin), 409, "dead_letter_not_pending");
        assertThat(audit(id)).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("action", "events.dead_letter.discarded").containsEntry("actorId", adminId.toString()));
        assertThat(list("handler=" + FLAKY + "&status=discarded")).extracting(item -> item.get("id")).contains(id);
        assertThat(list("handler=" + FLAKY + "&status=pending")).extracting(item -> item.get("id")).doesNotContain(id);
    }

    @Test
    void theRecorderStoresARedeliveredRecordOnceAndKeepsWhatAReplayNeeds() {
        InboundMessage message = deadLetterRecord("test.dead-letters.retired", "surge.test.dead-letters-2@17");

        assertThat(recorder.record(message).block()).isTrue();
        assertThat(recorder.record(message).block()).isFalse();

        Map<String, Object> row = db.sql("""
                SELECT count(*) OVER () AS n, id, topic, source_partition, source_offset, event_type, error_class,
                       error_message, headers::text AS headers, convert_from(payload, 'UTF8') AS payload
                FROM dead_letters WHERE dlt_topic = :topic AND dlt_offset = :offset""")
                .bind("topic", message.topic()).bind("offset", message.offset())
                .fetch().one().block();
        assertThat(row).containsEntry("n", 1L).containsEntry("topic", "surge.test.dead-letters")
                .containsEntry("source_partition", 2).containsEntry("source_offset", 17L)
                .containsEntry("event_type", "Poked").containsEntry("error_class", "java.lang.IllegalStateException")
                .containsEntry("error_message", "down: for now").containsEntry("payload", "{\"id\":\"x\"}");
        assertThat((String) row.get("headers")).contains("surge-request-id").doesNotContain("surge-dlt-");
        post(BASE + "/" + row.get("id") + "/discard", admin).expectStatus().isOk();
    }

    @Test
    void onlyAdminsMayActAndBadInputIsRefusedWithoutChangingAnything() {
        InboundMessage message = deadLetterRecord("test.dead-letters.retired", null);
        recorder.record(message).block();
        String id = db.sql("SELECT id FROM dead_letters WHERE dlt_topic = :topic AND dlt_offset = :offset")
                .bind("topic", message.topic()).bind("offset", message.offset())
                .map(row -> row.get("id", UUID.class).toString()).one().block();

        problem(http.get().uri(BASE).headers(h -> h.setBearerAuth(customer)).exchange(), 403, "forbidden");
        problem(post(BASE + "/" + id + "/replay", customer), 403, "forbidden");
        problem(post(BASE + "/replay", customer), 403, "forbidden");
        problem(http.get().uri(BASE).exchange(), 401, "unauthorized");
        problem(http.post().uri(BASE + "/" + id + "/replay").exchange(), 401, "unauthorized");
        problem(post(BASE + "/" + UUID.randomUUID() + "/replay", admin), 404, "dead_letter_not_found");
        problem(post(BASE + "/" + UUID.randomUUID() + "/discard", admin), 404, "dead_letter_not_found");
        problem(post(BASE + "/not-a-uuid/replay", admin), 400, "validation_failed");
        problem(post(BASE + "/not-a-uuid/discard", admin), 400, "validation_failed");
        problem(http.get().uri(BASE + "?status=lost").headers(h -> h.setBearerAuth(admin)).exchange(), 400, "validation_failed");
        problem(http.get().uri(BASE + "?topic=a b&limit=0").headers(h -> h.setBearerAuth(admin)).exchange(), 400, "validation_failed");
        problem(http.get().uri(BASE + "?cursor=forged.cursor").headers(h -> h.setBearerAuth(admin)).exchange(), 400, "invalid_cursor");
        problem(post(BASE + "/replay?handler=a%20b", admin), 400, "validation_failed");
        // Its handler does not run here: a replay would reach nobody, so it is refused (and left out of bulk replays).
        problem(post(BASE + "/" + id + "/replay", admin), 409, "dead_letter_handler_unknown");
        assertThat(status(id)).isEqualTo("pending");
        assertThat(audit(id)).isEmpty();

        post(BASE + "/" + id + "/discard", admin).expectStatus().isOk();
        assertThat(status(id)).isEqualTo("discarded");
    }

    @Test
    void theListPagesNewestFirstUnderItsFilters() {
        InboundMessage older = deadLetterRecord("test.dead-letters.paged", null);
        InboundMessage newer = deadLetterRecord("test.dead-letters.paged", null);
        recorder.record(older).block();
        recorder.record(newer).block();

        Map<String, Object> first = page("handler=test.dead-letters.paged&limit=1");
        List<Map<String, Object>> firstItems = items(first);
        assertThat(firstItems).hasSize(1);
        assertThat(first.get("nextCursor")).isNotNull();
        Map<String, Object> second = page("handler=test.dead-letters.paged&limit=1&cursor=" + first.get("nextCursor"));
        assertThat(items(second)).hasSize(1);
        assertThat(second.get("nextCursor")).isNull();
        assertThat(firstItems.get(0).get("offset")).isNull(); // the record named no origin
        assertThat(List.of(firstItems.get(0).get("id"), items(second).get(0).get("id")))
                .isEqualTo(list("handler=test.dead-letters.paged").stream().map(item -> item.get("id")).toList());
        problem(http.get().uri(BASE + "?handler=other&cursor=" + first.get("nextCursor"))
                .headers(h -> h.setBearerAuth(admin)).exchange(), 400, "invalid_cursor");
        for (Map<String, Object> item : list("handler=test.dead-letters.paged")) {
            post(BASE + "/" + item.get("id") + "/discard", admin).expectStatus().isOk();
        }
    }

    private UUID publish(Poked event) {
        outbox.append(event).as(tx::transactional).block(Duration.ofSeconds(10));
        return db.sql("SELECT id FROM outbox_events WHERE event_type = 'Poked' AND payload->>'id' = :id")
                .bind("id", event.id().toString()).map(row -> row.get("id", UUID.class)).one().block();
    }

    private Map<String, Object> awaitPending(UUID eventId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> list("handler=" + FLAKY + "&status=pending").stream()
                        .filter(item -> eventId.toString().equals(item.get("eventId"))).findFirst().orElse(null),
                        item -> item != null);
    }

    private List<Map<String, Object>> list(String query) {
        return items(page(query));
    }

    private Map<String, Object> page(String query) {
        return http.get().uri(BASE + "?" + query).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private List<Map<String, Object>> audit(String subject) {
        return items(http.get().uri("/api/v1/admin/audit?target=" + subject).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody());
    }

    private WebTestClient.ResponseSpec post(String uri, String token) {
        return http.post().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    private String status(String id) {
        return db.sql("SELECT status FROM dead_letters WHERE id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get("status", String.class)).one().block();
    }

    private int processed(String handler, UUID eventId) {
        return db.sql("SELECT count(*) AS n FROM processed_events WHERE handler = :h AND event_id = :id")
                .bind("h", handler).bind("id", eventId).map(row -> row.get("n", Long.class)).one().block().intValue();
    }

    /** A record as the consumer base writes it to the dead-letter topic, at coordinates no real record has. */
    private static InboundMessage deadLetterRecord(String handler, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventTransport.EVENT_ID, UUID.randomUUID().toString());
        headers.put(EventTransport.EVENT_TYPE, "Poked");
        headers.put(EventTransport.REQUEST_ID, "req-1");
        headers.put(DeadLetterRecorder.HANDLER, handler);
        headers.put(DeadLetterRecorder.ERROR, "java.lang.IllegalStateException: down: for now");
        if (origin != null) {
            headers.put(DeadLetterRecorder.ORIGIN, origin);
        }
        long offset = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        return new InboundMessage(TOPIC + ".dlt", 0, offset, "k", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                headers, Mono.empty());
    }
}
