package dev.surge.payments.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of webhook bodies, computed over the exact bytes received (never over re-serialised
 * JSON), compared in constant time.
 * <p>
 * The timestamped scheme is Stripe's, which the sandbox gateway also uses: a header
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">[,v1=...]}. During a secret rotation the provider
 * signs with the old and the new secret (several {@code v1}) and we hold both (several secrets); a delivery
 * is accepted when any {@code v1} matches any secret and {@code t} is not older than the tolerance, which
 * makes a captured delivery useless for replay after that. Other keys ({@code v0}, test schemes) are ignored.
 */
public final class WebhookSignatures {

    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignatures() {
    }

    /** Hex of {@code algorithm} (e.g. {@code HmacSHA512}) over {@code data} with {@code secret}. */
    public static String hmacHex(String algorithm, String secret, byte[] data) {
        return HEX.formatHex(hmac(algorithm, secret.getBytes(StandardCharsets.UTF_8), data));
    }

    /** Whether {@code givenHex} is the HMAC of {@code data} under {@code secret}, compared in constant time. */
    public static boolean hmacMatches(String algorithm, String secret, byte[] data, String givenHex) {
        byte[] given = parseHex(givenHex);
        return given != null && MessageDigest.isEqual(
                hmac(algorithm, secret.getBytes(StandardCharsets.UTF_8), data), given);
    }

    /** A Stripe-style signature header for {@code body}, signed at {@code at} with each of {@code secrets}. */
    public static String timestampedHeader(byte[] body, List<String> secrets, Instant at) {
        long t = at.getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String secret : secrets) {
            header.append(",v1=").append(hmacHex("HmacSHA256", secret, signedPayload(t, body)));
        }
        return header.toString();
    }

    /**
     * Checks a Stripe-style signature header; returns the signed time.
     *
     * @throws InvalidWebhook when the header is missing or malformed, matches no secret, or is too old
     */
    public static Instant verifyTimestamped(String provider, String header, byte[] body, List<String> secrets,
            Duration tolerance, Clock clock) {
        if (header == null || header.isBlank()) {
            throw new InvalidWebhook.MalformedSignature(provider, "is missing");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidWebhook.MalformedSignature(provider, "has a part without a value");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw new InvalidWebhook.MalformedSignature(provider, "has two timestamps");
                }
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new InvalidWebhook.MalformedSignature(provider, "has a timestamp that is not a number");
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null) {
            throw new InvalidWebhook.MalformedSignature(provider, "has no timestamp");
        }
        if (signatures.isEmpty()) {
            throw new InvalidWebhook.MalformedSignature(provider, "has no v1 signature");
        }
        byte[] payload = signedPayload(timestamp, body);
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), payload);
            for (String signature : signatures) {
                byte[] given = parseHex(signature);
                // No early exit: every pair is compared, so timing tells nothing about which one matched.
                matched |= given != null && MessageDigest.isEqual(expected, given);
            }
        }
        if (!matched) {
            throw new InvalidWebhook.BadSignature(provider);
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (signedAt.isBefore(clock.instant().minus(tolerance))) {
            throw new InvalidWebhook.TooOld(provider);
        }
        return signedAt;
    }

    private static byte[] signedPayload(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return payload;
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static byte[] parseHex(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() % 2 != 0) {
            return null;
        }
        try {
            return HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
