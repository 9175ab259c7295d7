package dev.surge.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Clock;
import java.time.Instant;
import dev.surge.platform.persistence.Ids;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Signs access tokens: RS256 JWTs with issuer, audience, subject (user id), role, merchant id (sellers),
 * session id, a unique {@code jti} and the signing key's {@code kid}.
 * <p>
 * Signing runs on its own small scheduler ({@code jwt-signing-*}): the JDK's RSA blinding reads
 * {@code /dev/urandom} through the default {@code SecureRandom}, a file read that must not happen on an
 * event loop.
 */
@Component
public class AccessTokens implements DisposableBean {

    private final JwtEncoder encoder;
    private final JwtKeys keys;
    private final JwtProperties properties;
    private final Clock clock;
    private final Scheduler signing = Schedulers.newBoundedElastic(2, 1024, "jwt-signing");

    AccessTokens(JwtKeys keys, JwtProperties properties) {
        this.keys = keys;
        this.properties = properties;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
        this.clock = Clock.systemUTC();
    }

    public Mono<IssuedToken> issue(UUID userId, UUID sessionId, String role, UUID merchantId) {
        return issue(userId, sessionId, role, merchantId, null);
    }

    /** {@code email}: the account's address, carried for what needs it (a checkout's contact); null: none. */
    public Mono<IssuedToken> issue(UUID userId, UUID sessionId, String role, UUID merchantId, String email) {
        return Mono.fromCallable(() -> sign(userId, sessionId, role, merchantId, email)).subscribeOn(signing);
    }

    private IssuedToken sign(UUID userId, UUID sessionId, String role, UUID merchantId, String email) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(java.util.List.of(properties.audience()))
                .subject(userId.toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .id(Ids.newId().toString())
                .claim(Principals.SESSION, sessionId.toString())
                .claim(Principals.ROLE, role);
        if (merchantId != null) {
            claims.claim(Principals.MERCHANT, merchantId.toString());
        }
        if (email != null) {
            claims.claim(Principals.EMAIL, email);
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.signingKey().getKeyID()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, expiresAt, properties.accessTokenTtl().toSeconds());
    }

    @Override
    public void destroy() {
        signing.dispose();
    }

    public record IssuedToken(String value, Instant expiresAt, long expiresInSeconds) {
    }
}
