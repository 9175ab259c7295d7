package dev.surge.platform.idempotency;

import dev.surge.platform.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpMethod;

/** What a well-formed key is, and the fingerprint that tells whether a retry is the same request. */
final class IdempotencyKeys {

    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * The key of the {@code Idempotency-Key} header lines given: exactly one line holding 1-255 printable ASCII
     * characters (space to {@code ~}). The draft's Structured Field string form ({@code "abc"}, with {@code \"} and
     * {@code \\} escapes) names the same key as the bare form ({@code abc}), which Stripe's clients send.
     *
     * @throws IdempotencyErrors.KeyInvalid when it is not
     */
    static String parse(List<String> headerLines) {
        if (headerLines.size() != 1) {
            throw new IdempotencyErrors.KeyInvalid("Send exactly one Idempotency-Key header");
        }
        String raw = headerLines.get(0).strip();
        String key = raw.length() >= 2 && raw.charAt(0) == '"' && raw.charAt(raw.length() - 1) == '"'
                ? unquote(raw.substring(1, raw.length() - 1)) : raw;
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new IdempotencyErrors.KeyInvalid("An Idempotency-Key is 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IdempotencyErrors.KeyInvalid("An Idempotency-Key holds printable ASCII characters only");
            }
        }
        return key;
    }

    private static String unquote(String quoted) {
        StringBuilder key = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                if (i + 1 == quoted.length() || (quoted.charAt(i + 1) != '"' && quoted.charAt(i + 1) != '\\')) {
                    throw new IdempotencyErrors.KeyInvalid("In a quoted Idempotency-Key, \\ escapes only \" and \\");
                }
                c = quoted.charAt(++i);
            } else if (c == '"') {
                throw new IdempotencyErrors.KeyInvalid("A quoted Idempotency-Key escapes its inner quotes as \\\"");
            }
            key.append(c);
        }
        return key.toString();
    }

    /**
     * SHA-256 over the method, the request target (raw path and query, as sent) and the raw body bytes. Headers are
     * not part of it: a retry may carry a new token or request id and still be the same request.
     */
    static byte[] fingerprint(HttpMethod method, String target, byte[] body) {
        MessageDigest sha256 = sha256();
        sha256.update(method.name().getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) ' ');
        sha256.update(target.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(body);
        return sha256.digest();
    }

    static MessageDigest sha256() {
        return Sha256.digest();
    }
}
