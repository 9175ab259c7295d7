package dev.surge.orders.domain;

import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.persistence.Ids;
import java.util.Base64;

/**
 * Order numbers and guest tokens. A number is {@code SRG-} and ten Crockford base-32 characters (50
 * random bits: unique in practice, checked by a unique constraint, and telling nothing about volume).
 * A guest token is 256 random bits; only its SHA-256 is stored.
 */
public final class OrderCodes {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private OrderCodes() {
    }

    public static String newNumber() {
        byte[] random = Ids.randomBytes(10);
        StringBuilder number = new StringBuilder("SRG-");
        for (byte b : random) {
            number.append(CROCKFORD[b & 31]);
        }
        return number.toString();
    }

    public static String newGuestToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.randomBytes(32));
    }

    public static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
