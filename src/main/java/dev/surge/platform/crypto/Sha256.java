package dev.surge.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256, the one digest Surge uses: for storing only hashes of secrets (tokens, keys), for fingerprints
 * (ETags, cache keys) and for request-body checks. Every JRE has it.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, for hashing in several updates. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static byte[] of(byte[] data) {
        return digest().digest(data);
    }

    /** Of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(of(data));
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }

    /** URL-safe Base64 without padding (43 characters). */
    public static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(of(text));
    }
}
