package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** During a key rotation, tokens of the previous key still pass, and the JWKS publishes both keys, never a private part. */
class KeyRotationTests {

    @Test
    void tokensOfTheOldKeyStayValidWhileItIsPublished() throws Exception {
        RSAKey oldKey = new RSAKeyGenerator(2048).keyID("old").algorithm(JWSAlgorithm.RS256).generate();
        RSAKey newKey = new RSAKeyGenerator(2048).keyID("new").algorithm(JWSAlgorithm.RS256).generate();
        JwtKeys before = keys(oldKey, null);
        JwtKeys during = keys(newKey, new JWKSet(oldKey.toPublicJWK()).toString());
        JwtKeys after = keys(newKey, null);

        String oldToken = new AccessTokens(before, properties(null, null)).issue(UUID.randomUUID(), UUID.randomUUID(),
                "CUSTOMER", null).block(Duration.ofSeconds(10)).value();
        String newToken = new AccessTokens(during, properties(null, null)).issue(UUID.randomUUID(), UUID.randomUUID(),
                "CUSTOMER", null).block(Duration.ofSeconds(10)).value();

        assertThat(during.publicKeys().getKeys()).extracting(key -> key.getKeyID()).containsExactly("new", "old");
        assertThat(during.publicKeys().getKeys()).noneMatch(key -> key.isPrivate());
        StepVerifier.create(decoder(during).decode(oldToken)).expectNextCount(1).verifyComplete();
        StepVerifier.create(decoder(during).decode(newToken)).expectNextCount(1).verifyComplete();
        StepVerifier.create(decoder(after).decode(oldToken)).expectError(JwtException.class).verify();
    }

    @Test
    void aRevokedSessionsTokenIsRefused() throws Exception {
        JwtKeys keys = keys(new RSAKeyGenerator(2048).keyID("k").generate(), null);
        String token = new AccessTokens(keys, properties(null, null)).issue(UUID.randomUUID(), UUID.randomUUID(),
                "CUSTOMER", null).block(Duration.ofSeconds(10)).value();
        StepVerifier.create(SecurityConfig.accessTokenDecoder(keys, properties(null, null), sid -> Mono.just(true))
                .decode(token)).expectError(JwtException.class).verify();
    }

    private static JwtKeys keys(RSAKey signing, String additional) {
        return new JwtKeys(properties(signing.toJSONString(), additional));
    }

    private static JwtProperties properties(String signingKey, String additional) {
        return new JwtProperties("surge", "surge-api", Duration.ofMinutes(15), signingKey, additional, null, 1000,
                Duration.ofSeconds(10));
    }

    private static org.springframework.security.oauth2.jwt.ReactiveJwtDecoder decoder(JwtKeys keys) {
        return SecurityConfig.accessTokenDecoder(keys, properties(null, null), sid -> Mono.just(false));
    }
}
