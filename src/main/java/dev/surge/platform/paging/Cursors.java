package dev.surge.platform.paging;

import dev.surge.platform.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.surge.platform.web.WebProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opaque, tamper-evident keyset cursors. A cursor is {@code base64url(json) "." base64url(hmac)}: the
 * JSON holds the sort keys of the last row and a {@code scope} (the sort and filters it was made for);
 * the HMAC-SHA256 over it uses {@code surge.web.cursor-secret}. A forged, altered or foreign cursor, or
 * one replayed with other filters, is refused as {@code invalid_cursor}.
 */
@Component
public class Cursors {

    private static final Logger log = LoggerFactory.getLogger(Cursors.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_LENGTH = 1024;

    private final SecretKeySpec key;
    private final JsonMapper json;

    public Cursors(WebProperties properties, JsonMapper json) {
        this.json = json;
        byte[] secret;
        if (properties.cursorSecret() == null || properties.cursorSecret().isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            log.warn("surge.web.cursor-secret is not set: using a random key, so cursors from other "
                    + "instances or earlier runs will be refused. Set SURGE_CURSOR_SECRET in production.");
        } else {
            secret = properties.cursorSecret().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    public String encode(String scope, List<String> keys) {
        byte[] payload = json.writeValueAsBytes(new Body(scope, keys));
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The keys of a cursor made for {@code scope}; throws {@code invalid_cursor} for anything else. */
    public List<String> decode(String cursor, String scope) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        try {
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                throw invalid();
            }
            Body body = json.readValue(payload, Body.class);
            if (!scope.equals(body.scope()) || body.keys() == null) {
                throw new InvalidCursor("This cursor belongs to a different sort or filter; start again without it");
            }
            return body.keys();
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidCursor("The cursor is not one this server issued");
    }

    /** A cursor this server did not issue, or issued for another listing. */
    static final class InvalidCursor extends InvalidInputException {
        InvalidCursor(String message) {
            super("invalid_cursor", message);
        }
    }

    record Body(String scope, List<String> keys) {
    }
}
