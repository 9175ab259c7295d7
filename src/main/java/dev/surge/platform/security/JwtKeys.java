package dev.surge.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The RSA keys of our access tokens: one signing key, and every public key we accept and publish at
 * {@code /.well-known/jwks.json} (the signing key's plus older ones during a rotation). Loaded once at
 * start-up; a missing signing key is generated (and kept in {@code dev-key-file} when set) with a warning.
 */
@Component
public class JwtKeys {

    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

    private final RSAKey signingKey;
    private final JWKSet publicKeys;

    JwtKeys(JwtProperties properties) {
        this.signingKey = signingKey(properties);
        List<JWK> published = new ArrayList<>();
        published.add(signingKey.toPublicJWK());
        if (properties.additionalPublicKeys() != null && !properties.additionalPublicKeys().isBlank()) {
            try {
                JWKSet.parse(properties.additionalPublicKeys()).getKeys().forEach(key -> published.add(key.toPublicJWK()));
            } catch (ParseException e) {
                throw new IllegalStateException("surge.security.jwt.additional-public-keys is not a JWK set", e);
            }
        }
        this.publicKeys = new JWKSet(published);
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    public JWKSet publicKeys() {
        return publicKeys;
    }

    /** The JWK set document as served at {@code /.well-known/jwks.json}. */
    public Map<String, Object> publicJwkSet() {
        return publicKeys.toJSONObject(true);
    }

    private static RSAKey signingKey(JwtProperties properties) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return parse(properties.signingKey(), "surge.security.jwt.signing-key");
        }
        if (properties.devKeyFile() != null && !properties.devKeyFile().isBlank()) {
            Path file = Path.of(properties.devKeyFile().replaceFirst("^~", System.getProperty("user.home")));
            try {
                if (Files.exists(file)) {
                    return parse(Files.readString(file), file.toString());
                }
                RSAKey generated = generate();
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated.toJSONString());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                log.warn("Generated a development JWT signing key in {}; never use it in production", file);
                return generated;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot keep the development JWT key in " + file, e);
            }
        }
        log.warn("No JWT signing key configured (SURGE_JWT_SIGNING_KEY): using a key that lives only as long as "
                + "this process; tokens will not survive a restart or work across instances");
        return generate();
    }

    private static RSAKey parse(String json, String source) {
        try {
            JWK key = JWK.parse(json);
            if (!(key instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.getKeyID() == null) {
                throw new IllegalStateException(source + " must be an RSA private key JWK with a kid");
            }
            return rsa;
        } catch (ParseException e) {
            throw new IllegalStateException(source + " is not a JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
