package dev.surge.platform.idempotency;

import io.r2dbc.postgresql.codec.Json;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code idempotency_keys} table, rows under a hash of the client's key and answers sealed with it
 * ({@link ReplaySeal}). Every change is one conditional statement, so two instances racing for a
 * key never both win it, and an attempt that lost its key to a takeover can neither complete nor release it.
 */
@Component
class IdempotencyStore {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;
    private final IdempotencyProperties properties;

    IdempotencyStore(DatabaseClient db, JsonMapper json, IdempotencyProperties properties) {
        this.db = db;
        this.json = json;
        this.properties = properties;
    }

    /** One request: who asks ({@code scope}), under which key, and what it is ({@code fingerprint}). */
    record Call(String scope, String key, byte[] fingerprint) {
    }

    /** A row as a later request with the same key finds it (never an expired one). */
    record Existing(byte[] fingerprint, boolean completed, boolean stale, StoredResponse response) {
    }

    /**
     * Takes the key for {@code claim}: inserts the row, or replaces one that expired, or takes over an in-flight
     * row of the same request whose lock has passed. Emits whether this was a fresh row (true), a replacement or
     * takeover (false), or nothing when the key is held or done.
     */
    Mono<Boolean> claim(Call call, UUID claim) {
        return db.sql("""
                INSERT INTO idempotency_keys AS k
                    (scope, idempotency_key, fingerprint, state, claim, locked_until, created_at, expires_at)
                VALUES (:scope, :key, :fingerprint, 'IN_FLIGHT', :claim, now() + make_interval(secs => :lock),
                        now(), now() + make_interval(secs => :retention))
                ON CONFLICT (scope, idempotency_key) DO UPDATE
                SET fingerprint = EXCLUDED.fingerprint, state = 'IN_FLIGHT', claim = EXCLUDED.claim,
                    locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at,
                    expires_at = EXCLUDED.expires_at, response_status = NULL, response_headers = NULL,
                    response_body = NULL, response_sealed = false, completed_at = NULL
                WHERE k.expires_at <= now()
                   OR (k.state = 'IN_FLIGHT' AND k.locked_until <= now() AND k.fingerprint = EXCLUDED.fingerprint)
                RETURNING (xmax = 0) AS fresh""")
                .bind("scope", call.scope())
                .bind("key", ReplaySeal.storedKey(call.key()))
                .bind("fingerprint", call.fingerprint())
                .bind("claim", claim)
                .bind("lock", properties.lockTimeout().toMillis() / 1000.0)
                .bind("retention", properties.retention().toMillis() / 1000.0)
                .map(row -> row.get("fresh", Boolean.class))
                .one();
    }

    Mono<Existing> find(Call call) {
        return db.sql("""
                SELECT fingerprint, state, locked_until <= now() AS stale, response_status,
                       response_headers::text AS response_headers, response_body, response_sealed
                FROM idempotency_keys
                WHERE scope = :scope AND idempotency_key = :key AND expires_at > now()""")
                .bind("scope", call.scope())
                .bind("key", ReplaySeal.storedKey(call.key()))
                .map(row -> {
                    boolean completed = "COMPLETED".equals(row.get("state", String.class));
                    StoredResponse response = null;
                    if (completed) {
                        byte[] body = row.get("response_body", byte[].class);
                        response = new StoredResponse(row.get("response_status", Integer.class),
                                json.readValue(row.get("response_headers", String.class), HEADERS),
                                Boolean.TRUE.equals(row.get("response_sealed", Boolean.class))
                                        ? ReplaySeal.open(call.scope(), call.key(), body) : body);
                    }
                    return new Existing(row.get("fingerprint", byte[].class), completed,
                            Boolean.TRUE.equals(row.get("stale", Boolean.class)), response);
                })
                .one();
    }

    /** Keeps the answer for replays; emits false when {@code claim} no longer holds the key (taken over). */
    Mono<Boolean> complete(Call call, UUID claim, StoredResponse response) {
        return db.sql("""
                UPDATE idempotency_keys
                SET state = 'COMPLETED', response_status = :status, response_headers = :headers,
                    response_body = :body, response_sealed = true, completed_at = now()
                WHERE scope = :scope AND idempotency_key = :key AND claim = :claim AND state = 'IN_FLIGHT'""")
                .bind("status", response.status())
                .bind("headers", Json.of(json.writeValueAsBytes(response.headers())))
                .bind("body", ReplaySeal.seal(call.scope(), call.key(), response.body()))
                .bind("scope", call.scope())
                .bind("key", ReplaySeal.storedKey(call.key()))
                .bind("claim", claim)
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }

    /** Forgets the key so that a retry runs the request again; only while {@code claim} still holds it. */
    Mono<Boolean> release(Call call, UUID claim) {
        return db.sql("""
                DELETE FROM idempotency_keys
                WHERE scope = :scope AND idempotency_key = :key AND claim = :claim AND state = 'IN_FLIGHT'""")
                .bind("scope", call.scope())
                .bind("key", ReplaySeal.storedKey(call.key()))
                .bind("claim", claim)
                .fetch().rowsUpdated()
                .map(deleted -> deleted == 1);
    }

    /** Deletes up to {@code limit} expired keys; emits how many. Safe on every instance at once. */
    Mono<Long> purgeExpired(int limit) {
        return db.sql("""
                DELETE FROM idempotency_keys
                WHERE (scope, idempotency_key) IN (
                    SELECT scope, idempotency_key FROM idempotency_keys
                    WHERE expires_at < now()
                    ORDER BY expires_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)""")
                .bind("limit", limit)
                .fetch().rowsUpdated();
    }
}
