package dev.surge.platform.privacy;

import dev.surge.platform.events.Outbox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The platform's part of erasing an account, run by identity in the erasure's transaction (the platform cannot
 * listen to identity's events: identity depends on it). The audit log keeps its rows (who did what, when) with
 * the personal values gone; event payloads still waiting or kept after publication, and dead letters, lose the address; the kept
 * answers of the account's idempotent requests (which may repeat its name and address) are deleted. Each
 * statement is idempotent: running it again finds nothing left to change.
 * <p>
 * The email is matched case-insensitively anywhere in the JSON (one scan of {@code audit_log} and
 * {@code outbox_events} per erasure: erasures are rare, and a field list would miss the next event that carries
 * an address).
 */
@Component
public class PlatformErasure {

    private static final String REGEX_SPECIALS = "\\.+*?()[]{}|^$-";

    private final DatabaseClient db;
    private final Outbox outbox;

    PlatformErasure(DatabaseClient db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** Removes {@code email} and the account's request details from platform tables; {@code email} may be null. */
    public Mono<Void> erase(UUID userId, String email) {
        Mono<Void> audit = db.sql("""
                UPDATE audit_log SET ip_address = NULL, user_agent = NULL, details = '{}'::jsonb
                WHERE (actor_id = :user OR subject_id = :user)
                  AND (ip_address IS NOT NULL OR user_agent IS NOT NULL OR details <> '{}'::jsonb)""")
                .bind("user", userId).then();
        Mono<Void> keys = db.sql("DELETE FROM idempotency_keys WHERE scope = :scope")
                .bind("scope", "user:" + userId).then();
        if (email == null || email.isBlank()) {
            return audit.then(keys);
        }
        return audit.then(keys)
                .then(replace("audit_log", "details", email))
                .then(replace("outbox_events", "payload", email))
                .then(scrubDeadLetters(email));
    }

    /**
     * Dead letters keep the failed message's bytes as they came from Kafka (usually JSON, but not necessarily
     * valid UTF-8), so the address is found and replaced byte for byte: read as ISO-8859-1, one char per byte, so
     * every other byte stays as it was and a replayed dead letter carries the stand-in address.
     */
    private Mono<Void> scrubDeadLetters(String email) {
        byte[] bytes = email.getBytes(StandardCharsets.UTF_8);
        Pattern address = Pattern.compile(Pattern.quote(new String(bytes, StandardCharsets.ISO_8859_1)),
                Pattern.CASE_INSENSITIVE);
        String erased = Matcher.quoteReplacement(ErasedValues.EMAIL);
        // encode(..., 'escape') turns the bytes into text PostgreSQL can compare case-insensitively.
        return db.sql("SELECT id, payload FROM dead_letters WHERE payload IS NOT NULL"
                        + " AND encode(payload, 'escape') ILIKE :like ESCAPE '\\'")
                .bind("like", "%" + like(escapeEncoded(bytes)) + "%")
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("payload", ByteBuffer.class)))
                .all()
                .concatMap(letter -> {
                    ByteBuffer payload = letter.getValue();
                    byte[] raw = new byte[payload.remaining()];
                    payload.get(raw);
                    String text = address.matcher(new String(raw, StandardCharsets.ISO_8859_1)).replaceAll(erased);
                    return db.sql("UPDATE dead_letters SET payload = :payload WHERE id = :id")
                            .bind("payload", ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)))
                            .bind("id", letter.getKey())
                            .then();
                })
                .then();
    }

    /** Deletes the events of {@code key} on {@code topic} (published or not), but never {@code keepType}. */
    public Mono<Long> forgetEvents(String topic, String key, String keepType) {
        return outbox.flush().then(db.sql("DELETE FROM outbox_events WHERE topic = :topic AND event_key = :key AND event_type <> :keep")
                .bind("topic", topic).bind("key", key).bind("keep", keepType)
                .fetch().rowsUpdated());
    }

    private Mono<Void> replace(String table, String column, String email) {
        // table and column are this class's constants, never input
        return db.sql("UPDATE " + table + " SET " + column + " = regexp_replace(" + column + "::text, :pattern, :erased, 'gi')::jsonb"
                + " WHERE " + column + "::text ILIKE :like ESCAPE '\\'")
                .bind("pattern", regex(email))
                .bind("erased", ErasedValues.EMAIL)
                .bind("like", "%" + like(email) + "%")
                .then();
    }

    /** The email as a PostgreSQL regular expression matching itself literally. */
    static String regex(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (REGEX_SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** What PostgreSQL's {@code encode(bytes, 'escape')} makes of {@code bytes}: zero and high bytes as octal, backslashes doubled. */
    static String escapeEncoded(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int value = b & 0xff;
            if (value == 0 || value >= 0x80) {
                out.append('\\').append(String.format(Locale.ROOT, "%03o", value));
            } else if (value == '\\') {
                out.append("\\\\");
            } else {
                out.append((char) value);
            }
        }
        return out.toString();
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
