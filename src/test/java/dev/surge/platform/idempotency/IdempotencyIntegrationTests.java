package dev.surge.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} over HTTP against PostgreSQL, through the test route of {@link IdempotencyTestRoutes},
 * whose handler records every run in {@code idempotency_test_things}: the number of rows with a test's unique
 * name is the number of times the protected work ran.
 */
class IdempotencyIntegrationTests extends IntegrationTest {

    private static final String PATH = IdempotencyTestRoutes.PATH;

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    IdempotencyStore store;
    @Autowired
    IdempotencyPurge purge;
    @Autowired
    JsonMapper json;

    private TestTokens tokens;

    @BeforeEach
    void testTable() {
        tokens = new TestTokens(accessTokens);
        db.sql("""
                CREATE TABLE IF NOT EXISTS idempotency_test_things (
                    id uuid PRIMARY KEY, name text NOT NULL, outcome text NOT NULL, created_at timestamptz DEFAULT now())""")
                .then().block();
    }

    @Test
    void concurrentRetriesRunTheRequestOnceAndAnswerItsBytesOrInFlight() throws Exception {
        String token = tokens.customer(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String name = unique();
        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<EntityExchangeResult<byte[]>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    // Slow enough that the retries arrive while the first still runs (then they get 409).
                    return post(token, key, name).header("X-Test-Delay-Ms", "1000").exchange()
                            .expectBody().returnResult();
                }));
            }
            start.countDown();
            List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
            for (Future<EntityExchangeResult<byte[]>> call : calls) {
                answers.add(call.get());
            }

            assertThat(runs(name)).isEqualTo(1);
            List<EntityExchangeResult<byte[]>> created = answers.stream()
                    .filter(answer -> answer.getStatus().value() == 201).toList();
            List<EntityExchangeResult<byte[]>> inFlight = answers.stream()
                    .filter(answer -> answer.getStatus().value() == 409).toList();
            assertThat(created.size() + inFlight.size()).as("every answer is 201 or 409").isEqualTo(callers);
            assertThat(created.stream().filter(answer -> !replayed(answer))).as("one first answer").hasSize(1);
            byte[] first = created.stream().filter(answer -> !replayed(answer)).findFirst().orElseThrow()
                    .getResponseBody();
            assertThat(created).allSatisfy(answer -> assertThat(answer.getResponseBody()).isEqualTo(first));
            assertThat(inFlight).allSatisfy(answer -> {
                assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
                assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8))
                        .contains("\"code\":\"idempotency_request_in_flight\"");
            });

            EntityExchangeResult<byte[]> later = post(token, key, name).exchange()
                    .expectStatus().isCreated()
                    .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true")
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody().returnResult();
            assertThat(later.getResponseBody()).isEqualTo(first);
            String location = created.get(0).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
            assertThat(location).startsWith(PATH + "/");
            assertThat(later.getResponseHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo(location);
            assertThat(runs(name)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameKeyForAnotherRequestIs422() {
        String token = tokens.customer(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String name = unique();
        post(token, key, name).exchange().expectStatus().isCreated();

        post(token, key, name + "-other").exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
        // Another path is another request too.
        http.post().uri(PATH + "/optional").headers(h -> h.setBearerAuth(token)).header(Idempotency.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body(name)).exchange()
                .expectStatus().isEqualTo(422);
        assertThat(runs(name)).isEqualTo(1);
        assertThat(runs(name + "-other")).isZero();
    }

    @Test
    void aMissingOrMalformedKeyIs400AndRunsNothing() {
        String token = tokens.customer(UUID.randomUUID());
        String name = unique();
        http.post().uri(PATH).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(name)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_missing");
        for (String bad : List.of("a".repeat(256), "\"\"", "tab\there", "\"unterminated \\ escape\"")) {
            post(token, bad, name).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_invalid");
        }
        http.post().uri(PATH).headers(h -> h.setBearerAuth(token)).header(Idempotency.HEADER, "one", "two")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body(name)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_invalid");
        assertThat(runs(name)).isZero();
        // The longest key and the quoted form (which names the same key as the bare one) are fine.
        String longest = "k".repeat(255);
        post(token, longest, name).exchange().expectStatus().isCreated();
        post(token, "\"" + longest + "\"", name).exchange().expectStatus().isCreated()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true");
        assertThat(runs(name)).isEqualTo(1);
    }

    @Test
    void keysOfDifferentCallersAreIndependent() {
        String key = UUID.randomUUID().toString();
        String name = unique();
        post(tokens.customer(UUID.randomUUID()), key, name).exchange().expectStatus().isCreated();
        post(tokens.customer(UUID.randomUUID()), key, name).exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(Idempotency.REPLAYED_HEADER);
        assertThat(runs(name)).isEqualTo(2);

        guest("guest-a", key, name).exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(Idempotency.REPLAYED_HEADER);
        guest("guest-b", key, name).exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(Idempotency.REPLAYED_HEADER);
        guest("guest-a", key, name).exchange().expectStatus().isCreated()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true");
        assertThat(runs(name)).isEqualTo(4);

        // Anonymous with nothing to name the guest: no scope, so 401, and nothing runs.
        http.post().uri(PATH).header(Idempotency.HEADER, key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(name)).exchange()
                .expectStatus().isUnauthorized();
        assertThat(runs(name)).isEqualTo(4);
    }

    @Test
    void anExpiredKeyIsNotReplayedEvenBeforeThePurge() {
        String token = tokens.customer(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String name = unique();
        byte[] first = post(token, key, name).exchange().expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody();
        expire(key);

        byte[] second = post(token, key, name).exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(Idempotency.REPLAYED_HEADER)
                .expectBody().returnResult().getResponseBody();
        assertThat(second).isNotEqualTo(first);
        assertThat(runs(name)).isEqualTo(2);
        post(token, key, name).exchange().expectStatus().isCreated()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true")
                .expectBody().consumeWith(replay -> assertThat(replay.getResponseBody()).isEqualTo(second));
    }

    @Test
    void failuresThatMayPassReleaseTheKeySoARetryRuns() {
        String token = tokens.customer(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String name = unique();
        post(token, key, name).header("X-Test-Outcome", "thrown").exchange()
                .expectStatus().isEqualTo(500)
                .expectBody().jsonPath("$.code").isEqualTo("internal_error");
        post(token, key, name).header("X-Test-Outcome", "unavailable").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().doesNotExist(Idempotency.REPLAYED_HEADER);
        post(token, key, name).header("X-Test-Outcome", "conflict").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("test_conflict");
        assertThat(runs(name)).isEqualTo(3);
        assertThat(rowsOf(key)).isZero();

        post(token, key, name).exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(Idempotency.REPLAYED_HEADER);
        post(token, key, name).header("X-Test-Outcome", "thrown").exchange().expectStatus().isCreated()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true");
        assertThat(runs(name)).isEqualTo(4);
    }

    @Test
    void finalClientErrorsAndEmptyAnswersAreKeptAndReplayed() {
        String token = tokens.customer(UUID.randomUUID());
        for (String outcome : List.of("not_found", "invalid")) {
            String key = UUID.randomUUID().toString();
            String name = unique();
            EntityExchangeResult<byte[]> first = post(token, key, name).header("X-Test-Outcome", outcome).exchange()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                    .expectBody().returnResult();
            assertThat(first.getStatus().value()).isIn(404, 400);
            // The retry is answered from the store whatever the handler would do now.
            EntityExchangeResult<byte[]> replay = post(token, key, name).exchange()
                    .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().returnResult();
            assertThat(replay.getStatus()).isEqualTo(first.getStatus());
            assertThat(replay.getResponseBody()).isEqualTo(first.getResponseBody());
            assertThat(runs(name)).isEqualTo(1);
        }

        String key = UUID.randomUUID().toString();
        String name = unique();
        post(token, key, name).header("X-Test-Outcome", "no_content").exchange().expectStatus().isNoContent();
        post(token, key, name).exchange().expectStatus().isNoContent()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true")
                .expectBody().isEmpty();
        assertThat(runs(name)).isEqualTo(1);
    }

    @Test
    void aStaleInFlightKeyIsTakenOverByTheSameRequestOnly() {
        UUID user = UUID.randomUUID();
        String token = tokens.customer(user);
        String key = UUID.randomUUID().toString();
        String name = unique();
        // What a crashed instance leaves: the key in flight, its lock still running.
        byte[] fingerprint = IdempotencyKeys.fingerprint(HttpMethod.POST, PATH, body(name));
        db.sql("""
                INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, claim, locked_until, expires_at)
                VALUES (:scope, :key, :fingerprint, 'IN_FLIGHT', :claim, now() + interval '1 minute', now() + interval '1 day')""")
                .bind("scope", "user:" + user).bind("key", ReplaySeal.storedKey(key)).bind("fingerprint", fingerprint).bind("claim", Ids.newId())
                .then().block();

        post(token, key, name).exchange().expectStatus().isEqualTo(409)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_request_in_flight");
        assertThat(runs(name)).isZero();

        db.sql("UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE idempotency_key = :key")
                .bind("key", ReplaySeal.storedKey(key)).then().block();
        post(token, key, name + "-other").exchange().expectStatus().isEqualTo(422);
        post(token, key, name).exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(Idempotency.REPLAYED_HEADER);
        post(token, key, name).exchange().expectStatus().isCreated()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true");
        assertThat(runs(name)).isEqualTo(1);
    }

    @Test
    void anAttemptWhoseKeyWasTakenOverCanNeitherCompleteNorReleaseIt() {
        IdempotencyStore.Call call = new IdempotencyStore.Call("user:" + UUID.randomUUID(), "store-" + UUID.randomUUID(),
                IdempotencyKeys.fingerprint(HttpMethod.POST, "/x", new byte[0]));
        UUID crashed = Ids.newId();
        UUID retry = Ids.newId();
        StoredResponse answer = new StoredResponse(201, java.util.Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(store.claim(call, crashed).block()).isTrue();
        assertThat(store.claim(call, retry).block()).as("held: not claimable").isNull();
        db.sql("UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE idempotency_key = :key")
                .bind("key", ReplaySeal.storedKey(call.key())).then().block();
        assertThat(store.claim(call, retry).block()).as("taken over, not fresh").isFalse();

        assertThat(store.complete(call, crashed, answer).block()).isFalse();
        assertThat(store.release(call, crashed).block()).isFalse();
        assertThat(store.complete(call, retry, answer).block()).isTrue();
        IdempotencyStore.Existing kept = store.find(call).block();
        assertThat(kept.completed()).isTrue();
        assertThat(kept.response().body()).isEqualTo(answer.body());
        assertThat(kept.response().headers()).isEqualTo(answer.headers());
    }

    @Test
    void thePurgeDeletesExpiredKeysOnly() {
        String token = tokens.customer(UUID.randomUUID());
        String expired = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        post(token, expired, unique()).exchange().expectStatus().isCreated();
        post(token, live, unique()).exchange().expectStatus().isCreated();
        expire(expired);

        assertThat(purge.round().block()).isPositive();
        assertThat(rowsOf(expired)).isZero();
        assertThat(rowsOf(live)).isOne();
    }

    @Test
    void anOptionalKeyProtectsWhenSentOnly() {
        String token = tokens.customer(UUID.randomUUID());
        String name = unique();
        for (int i = 0; i < 2; i++) {
            http.post().uri(PATH + "/optional").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body(name)).exchange()
                    .expectStatus().isCreated();
        }
        assertThat(runs(name)).isEqualTo(2);
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            http.post().uri(PATH + "/optional").headers(h -> h.setBearerAuth(token)).header(Idempotency.HEADER, key)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body(name)).exchange()
                    .expectStatus().isCreated();
        }
        assertThat(runs(name)).isEqualTo(3);
    }

    private WebTestClient.RequestHeadersSpec<?> post(String token, String key, String name) {
        return http.post().uri(PATH).headers(h -> h.setBearerAuth(token)).header(Idempotency.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body(name));
    }

    private WebTestClient.RequestHeadersSpec<?> guest(String guest, String key, String name) {
        return http.post().uri(PATH).header("X-Guest", guest).header(Idempotency.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body(name));
    }

    /** The exact bytes sent, so that a test can compute their fingerprint. */
    private byte[] body(String name) {
        return json.writeValueAsBytes(new IdempotencyTestRoutes.ThingRequest(name));
    }

    private static boolean replayed(EntityExchangeResult<byte[]> answer) {
        return "true".equals(answer.getResponseHeaders().getFirst(Idempotency.REPLAYED_HEADER));
    }

    private static String unique() {
        return "thing-" + UUID.randomUUID();
    }

    @Test
    void aKeptAnswerIsStoredUnderTheKeysHashAndSealedSoOnlyTheKeyOpensIt() {
        String token = tokens.customer(UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String name = unique();
        byte[] first = post(token, key, name).exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        assertThat(new String(first, StandardCharsets.UTF_8)).contains(name);

        assertThat(db.sql("SELECT count(*) AS n FROM idempotency_keys WHERE idempotency_key = :key").bind("key", key)
                .map(row -> row.get("n", Long.class)).one().block()).as("the raw key is not stored").isZero();
        byte[] stored = db.sql("SELECT response_body FROM idempotency_keys WHERE idempotency_key = :key AND response_sealed")
                .bind("key", ReplaySeal.storedKey(key)).map(row -> row.get("response_body", byte[].class)).one().block();
        assertThat(stored).isNotNull();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(name);

        byte[] replay = post(token, key, name).exchange().expectStatus().isCreated()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true")
                .expectBody().returnResult().getResponseBody();
        assertThat(replay).isEqualTo(first);
        assertThat(runs(name)).isEqualTo(1);
    }

    @Test
    void anAnswerKeptBeforeSealingIsStillReplayed() {
        UUID user = UUID.randomUUID();
        String token = tokens.customer(user);
        String key = UUID.randomUUID().toString();
        String name = unique();
        byte[] fingerprint = IdempotencyKeys.fingerprint(HttpMethod.POST, PATH, body(name));
        byte[] plain = "{\"kept\":\"before V31\"}".getBytes(StandardCharsets.UTF_8);
        // A row as V31 leaves one written before it: key hashed, body not sealed.
        db.sql("""
                INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, claim, locked_until, response_status,
                    response_headers, response_body, completed_at, expires_at)
                VALUES (:scope, :key, :fingerprint, 'COMPLETED', :claim, now(), 201,
                    '{"Content-Type": "application/json"}', :body, now(), now() + interval '1 day')""")
                .bind("scope", "user:" + user).bind("key", ReplaySeal.storedKey(key)).bind("fingerprint", fingerprint)
                .bind("claim", Ids.newId()).bind("body", plain).then().block();

        byte[] replay = post(token, key, name).exchange().expectStatus().isCreated()
                .expectHeader().valueEquals(Idempotency.REPLAYED_HEADER, "true")
                .expectBody().returnResult().getResponseBody();
        assertThat(replay).isEqualTo(plain);
        assertThat(runs(name)).isZero();
    }

    private long runs(String name) {
        return db.sql("SELECT count(*) AS n FROM idempotency_test_things WHERE name = :name").bind("name", name)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long rowsOf(String key) {
        return db.sql("SELECT count(*) AS n FROM idempotency_keys WHERE idempotency_key = :key")
                .bind("key", ReplaySeal.storedKey(key))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private void expire(String key) {
        db.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = :key")
                .bind("key", ReplaySeal.storedKey(key)).then().block();
    }
}
