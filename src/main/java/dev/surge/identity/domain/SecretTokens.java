package dev.surge.identity.domain;

import dev.surge.platform.crypto.Sha256;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Opaque secrets handed to clients (refresh tokens, email links): 256 random bits, base64url. Only their
 * SHA-256 is stored, so a database leak does not leak usable tokens; a plain hash suffices because the
 * secrets are random, not chosen by people.
 */
@Component
class SecretTokens {

    private final SecureRandom random;

    SecretTokens() {
        try {
            random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]); // seed at start-up, not on an event loop
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
