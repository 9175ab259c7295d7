package dev.surge.cart.domain;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Guest cart tokens: 256 random bits, base64url (43 characters). Only their SHA-256 names the cart in
 * Redis. The generator is a DRBG seeded at start-up, so making a token never reads {@code /dev/urandom}
 * on an event loop.
 */
@Component
public class CartTokens {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random;

    CartTokens() {
        try {
            random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]); // seed now, on the start-up thread
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text could be a token this server issued (anything else names no cart). */
    public static boolean wellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }
}
