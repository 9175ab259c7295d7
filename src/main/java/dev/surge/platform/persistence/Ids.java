package dev.surge.platform.persistence;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 ids: time-ordered, so primary-key indexes stay append-mostly and "newest first" is "highest id
 * first". The random part comes from a DRBG that is seeded once, so generating an id never reads
 * {@code /dev/urandom} on an event-loop thread.
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator(drbg());

    private Ids() {
    }

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** Parses a canonical UUID string, or returns {@code null} when the text is not one. */
    public static UUID parseOrNull(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final SecureRandom RANDOM = drbg();

    /**
     * Cryptographically strong random bytes (tokens, order numbers) from a DRBG seeded once at class load,
     * so that no event-loop thread ever waits on the operating system's entropy source.
     */
    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static SecureRandom drbg() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]); // seed now, from the thread that loads this class
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No DRBG SecureRandom in this JVM", e);
        }
    }
}
