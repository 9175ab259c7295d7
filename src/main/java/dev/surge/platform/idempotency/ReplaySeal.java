package dev.surge.platform.idempotency;

import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.persistence.Ids;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kept answers hold secrets (a guest order's access token, a payment's client secret), so a row of
 * {@code idempotency_keys} never holds them readable: the row is stored under a SHA-256 of the client's
 * {@code Idempotency-Key}, and the body is sealed with AES-256-GCM under a key derived from the caller's scope
 * and that key. Only a retry that presents the key again can open it; the database alone cannot, and no
 * server secret has to be configured or rotated.
 */
final class ReplaySeal {

    private static final String CONTEXT = "surge/idempotency-replay/v1\n";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private ReplaySeal() {
    }

    /** What the row is stored under: the key's SHA-256, hex. */
    static String storedKey(String key) {
        return Sha256.hex(key);
    }

    static byte[] seal(String scope, String key, byte[] plain) {
        // The platform's DRBG, seeded once: drawing a nonce never waits on the OS.
        byte[] nonce = Ids.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, scope, key, nonce);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a kept answer", e);
        }
    }

    static byte[] open(String scope, String key, byte[] stored) {
        try {
            byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, scope, key, nonce).doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A kept answer does not open with its own key", e);
        }
    }

    private static Cipher cipher(int mode, String scope, String key, byte[] nonce) throws GeneralSecurityException {
        byte[] derived = Sha256.of(CONTEXT + scope + "\n" + key);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(derived, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        // The row's identity is bound to the ciphertext: a body moved to another row does not open.
        cipher.updateAAD(HexFormat.of().parseHex(storedKey(key)));
        return cipher;
    }
}
