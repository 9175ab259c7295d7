package dev.surge.identity.domain;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.surge.identity.config.IdentityProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30 s, what authenticator apps expect),
 * through java-otp. Secrets are 160 random bits, shown to the user once as base32 and an
 * {@code otpauth://} URI, and stored encrypted with AES-GCM. A code is accepted for the previous, current
 * or next 30-second step, and never twice: the caller keeps the last accepted step.
 */
@Component
class TwoFactorCodes {

    private static final Logger log = LoggerFactory.getLogger(TwoFactorCodes.class);
    private static final Duration STEP = Duration.ofSeconds(30);

    private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final SecureRandom random;
    private final SecretKeySpec encryptionKey;
    private final String issuer;

    TwoFactorCodes(IdentityProperties properties) {
        try {
            random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String configured = properties.twoFactor().encryptionKey();
        byte[] key;
        if (configured == null || configured.isBlank()) {
            key = new byte[32];
            random.nextBytes(key);
            log.warn("surge.identity.two-factor.encryption-key is not set: 2FA secrets enrolled now become unreadable "
                    + "after a restart. Set SURGE_TOTP_ENCRYPTION_KEY (base64 of 32 random bytes) in production.");
        } else {
            key = Base64.getDecoder().decode(configured);
            if (key.length != 32) {
                throw new IllegalStateException("surge.identity.two-factor.encryption-key must be 32 bytes, base64");
            }
        }
        this.encryptionKey = new SecretKeySpec(key, "AES");
        this.issuer = properties.twoFactor().issuer();
    }

    record Enrolment(String secret, String otpauthUri, String encryptedSecret) {
    }

    Enrolment enrol(String accountName) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String base32 = new Base32().encodeToString(secret).replace("=", "");
        String label = URLEncoder.encode(issuer + ":" + accountName, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20") + "&algorithm=SHA1&digits=6&period=30";
        return new Enrolment(base32, uri, encrypt(secret));
    }

    /** The time step the code matches (within one step either side of now), if any and later than {@code lastStep}. */
    OptionalLong matchingStep(String encryptedSecret, String code, Long lastStep, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(decrypt(encryptedSecret), totp.getAlgorithm());
        long current = now.getEpochSecond() / STEP.getSeconds();
        for (long step = current - 1; step <= current + 1; step++) {
            if (lastStep != null && step <= lastStep) {
                continue;
            }
            try {
                if (totp.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.getSeconds())).equals(code)) {
                    return OptionalLong.of(step);
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        }
        return OptionalLong.empty();
    }

    /** Ten recovery codes, {@code xxxxx-xxxxx} from an unambiguous alphabet. */
    java.util.List<String> recoveryCodes() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        java.util.List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    private String encrypt(byte[] secret) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] decrypt(String stored) {
        try {
            byte[] in = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, in, 0, 12));
            return cipher.doFinal(in, 12, in.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a 2FA secret: was the encryption key changed?", e);
        }
    }
}
