package dev.surge.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.persistence.Ids;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * One retention round over real PostgreSQL: for every kind, records past their period go and recent or
 * still-used ones stay, and the round's counts reach {@code surge.retention.purged}.
 */
class RetentionIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    RetentionJob job;
    @Autowired
    MeterRegistry meters;

    @Test
    void aRoundDeletesWhatIsPastItsPeriodAndKeepsTheRest() {
        UUID user = new CatalogRows(db).user("CUSTOMER", null, "retention");
        // Sessions (30 days after they ended) and their refresh tokens.
        UUID endedLongAgo = session(user, "now() + interval '1 day'", "now() - interval '40 days'");
        UUID expiredLongAgo = session(user, "now() - interval '31 days'", null);
        UUID endedYesterday = session(user, "now() + interval '1 day'", "now() - interval '1 day'");
        UUID live = session(user, "now() + interval '10 days'", null);
        String tokenOfEnded = refreshToken(endedLongAgo, "now() + interval '1 day'");
        String staleTokenOfLive = refreshToken(live, "now() - interval '31 days'");
        String tokenOfLive = refreshToken(live, "now() + interval '10 days'");
        // Account tokens (7 days after use or expiry).
        String usedLongAgo = accountToken(user, "now() + interval '1 day'", "now() - interval '8 days'");
        String expiredRecently = accountToken(user, "now() - interval '1 day'", null);
        String unused = accountToken(user, "now() + interval '1 hour'", null);
        // Published outbox rows (7 days), processed event ids (30 days).
        UUID publishedLongAgo = outbox("now() - interval '8 days'");
        UUID publishedRecently = outbox("now() - interval '1 day'");
        UUID processedLongAgo = processedEvent("now() - interval '31 days'");
        UUID processedRecently = processedEvent("now() - interval '1 day'");
        // Dead letters (30 days after they were resolved; pending ones stay).
        UUID discardedLongAgo = deadLetter("discarded", "now() - interval '31 days'");
        UUID replayedRecently = deadLetter("replayed", "now() - interval '1 day'");
        UUID pendingLongAgo = deadLetter("pending", null);
        // Email records (90 days once sent or failed; pending ones stay).
        UUID sentLongAgo = notification("SENT", "now() - interval '91 days'");
        UUID failedRecently = notification("FAILED", "now() - interval '1 day'");
        UUID pendingOld = notification("PENDING", "now() - interval '200 days'");
        // Payment webhooks (90 days after processing; unprocessed ones stay).
        String webhookLongAgo = paymentEvent("now() - interval '91 days'");
        String webhookRecently = paymentEvent("now() - interval '1 day'");
        String webhookUnprocessed = paymentEvent(null);
        double sessionsBefore = purged("sessions");

        Map<String, Long> counts = job.round().block();

        assertThat(counts).containsKeys("sessions", "refresh-tokens", "account-tokens", "outbox", "processed-events",
                "dead-letters", "notifications", "payment-events");
        assertThat(counts.get("sessions")).isGreaterThanOrEqualTo(2);
        assertThat(purged("sessions") - sessionsBefore).isEqualTo((double) counts.get("sessions"));

        assertThat(exists("auth_sessions", "id", endedLongAgo)).isFalse();
        assertThat(exists("auth_sessions", "id", expiredLongAgo)).isFalse();
        assertThat(exists("auth_sessions", "id", endedYesterday)).isTrue();
        assertThat(exists("auth_sessions", "id", live)).isTrue();
        assertThat(existsHash("refresh_tokens", tokenOfEnded)).isFalse();
        assertThat(existsHash("refresh_tokens", staleTokenOfLive)).isFalse();
        assertThat(existsHash("refresh_tokens", tokenOfLive)).isTrue();

        assertThat(existsHash("account_tokens", usedLongAgo)).isFalse();
        assertThat(existsHash("account_tokens", expiredRecently)).isTrue();
        assertThat(existsHash("account_tokens", unused)).isTrue();

        assertThat(exists("outbox_events", "id", publishedLongAgo)).isFalse();
        assertThat(exists("outbox_events", "id", publishedRecently)).isTrue();
        assertThat(exists("processed_events", "event_id", processedLongAgo)).isFalse();
        assertThat(exists("processed_events", "event_id", processedRecently)).isTrue();

        assertThat(exists("dead_letters", "id", discardedLongAgo)).isFalse();
        assertThat(exists("dead_letters", "id", replayedRecently)).isTrue();
        assertThat(exists("dead_letters", "id", pendingLongAgo)).isTrue();

        assertThat(exists("notifications", "id", sentLongAgo)).isFalse();
        assertThat(exists("notifications", "id", failedRecently)).isTrue();
        assertThat(exists("notifications", "id", pendingOld)).isTrue();

        assertThat(exists("payment_events", "event_id", webhookLongAgo)).isFalse();
        assertThat(exists("payment_events", "event_id", webhookRecently)).isTrue();
        assertThat(exists("payment_events", "event_id", webhookUnprocessed)).isTrue();

        // Nothing left past its period: a second round removes none of this test's rows (and nothing at all).
        assertThat(job.round().block().get("sessions")).isZero();
    }

    private double purged(String kind) {
        var counter = meters.find("surge.retention.purged").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private UUID session(UUID user, String expiresAt, String revokedAt) {
        UUID id = Ids.newId();
        db.sql("INSERT INTO auth_sessions (id, user_id, expires_at, revoked_at, revoked_reason) VALUES (:id, :user, "
                        + expiresAt + ", " + (revokedAt == null ? "NULL" : revokedAt) + ", 'test')")
                .bind("id", id).bind("user", user).then().block();
        return id;
    }

    private String refreshToken(UUID session, String expiresAt) {
        String hash = UUID.randomUUID().toString();
        db.sql("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (convert_to(:hash, 'UTF8'), "
                        + ":session, " + expiresAt + ")")
                .bind("hash", hash).bind("session", session).then().block();
        return hash;
    }

    private String accountToken(UUID user, String expiresAt, String usedAt) {
        String hash = UUID.randomUUID().toString();
        db.sql("INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at, used_at) VALUES "
                        + "(convert_to(:hash, 'UTF8'), :user, 'RESET_PASSWORD', " + expiresAt + ", "
                        + (usedAt == null ? "NULL" : usedAt) + ")")
                .bind("hash", hash).bind("user", user).then().block();
        return hash;
    }

    private UUID outbox(String publishedAt) {
        UUID id = Ids.newId();
        db.sql("INSERT INTO outbox_events (id, topic, event_key, event_type, payload, created_at, published_at) VALUES "
                        + "(:id, 'surge.retention-test', 'k', 'Test', '{}'::jsonb, " + publishedAt + ", " + publishedAt + ")")
                .bind("id", id).then().block();
        return id;
    }

    private UUID processedEvent(String processedAt) {
        UUID id = Ids.newId();
        db.sql("INSERT INTO processed_events (handler, event_id, processed_at) VALUES ('retention-test', :id, "
                        + processedAt + ")")
                .bind("id", id).then().block();
        return id;
    }

    private UUID deadLetter(String status, String resolvedAt) {
        UUID id = Ids.newId();
        db.sql("INSERT INTO dead_letters (id, dlt_topic, dlt_partition, dlt_offset, topic, handler, dead_lettered_at,"
                        + " recorded_at, status, resolved_at) VALUES (:id, 'surge.retention-test.dlt', 0, :offset,"
                        + " 'surge.retention-test', 'retention-test', now() - interval '60 days',"
                        + " now() - interval '60 days', :status, " + (resolvedAt == null ? "NULL" : resolvedAt) + ")")
                .bind("id", id).bind("offset", id.getLeastSignificantBits()).bind("status", status).then().block();
        return id;
    }

    private UUID notification(String status, String updatedAt) {
        UUID id = Ids.newId();
        db.sql("INSERT INTO notifications (id, event_id, event_type, template, recipient, subject, model, status,"
                        + " next_attempt_at, created_at, updated_at) VALUES (:id, :id, 'Test', 'retention-test',"
                        + " 'someone@example.com', 'Hello', '{}'::jsonb, :status, now() + interval '365 days', "
                        + updatedAt + ", " + updatedAt + ")")
                .bind("id", id).bind("status", status).then().block();
        return id;
    }

    private String paymentEvent(String processedAt) {
        String eventId = "evt_" + UUID.randomUUID();
        db.sql("INSERT INTO payment_events (provider, event_id, type, processed_at, outcome, next_attempt_at) VALUES"
                        + " ('sandbox', :id, 'payment.succeeded', " + (processedAt == null ? "NULL" : processedAt)
                        + ", 'applied', now() + interval '365 days')")
                .bind("id", eventId).then().block();
        return eventId;
    }

    private boolean exists(String table, String column, Object value) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE " + column + " = :value").bind("value", value)
                .map(row -> row.get("n", Long.class)).one().block() > 0;
    }

    private boolean existsHash(String table, String hash) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE token_hash = :hash")
                .bind("hash", hash.getBytes(StandardCharsets.UTF_8))
                .map(row -> row.get("n", Long.class)).one().block() > 0;
    }
}
