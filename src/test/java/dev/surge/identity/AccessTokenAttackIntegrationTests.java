package dev.surge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.IntegrationTest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Forged, altered and expired access tokens are refused; an outside client can verify ours from the JWKS alone. */
class AccessTokenAttackIntegrationTests extends IntegrationTest {

    @Autowired
    JwtKeys keys;
    @Autowired
    DatabaseClient db;

    String userId;
    String sessionId;
    String realToken;

    @BeforeEach
    void signIn() {
        AuthClient auth = new AuthClient(http, db);
        String email = AuthClient.uniqueEmail();
        userId = (String) auth.register(email).get("id");
        realToken = (String) auth.signIn(email).get("accessToken");
        sessionId = (String) SignedJwtClaims.of(realToken).getClaim("sid");
    }

    @Test
    void aTokenMintedWithOurKeyAndValidClaimsIsAccepted() throws Exception {
        // The control: proves the forgeries below fail for their flaw, not for a mistake in the harness.
        me(sign(keys.signingKey(), claims().build())).expectStatus().isOk();
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        refused(sign(keys.signingKey(), claims().issueTime(ago(3600)).notBeforeTime(ago(3600))
                .expirationTime(ago(600)).build()));
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = realToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"CUSTOMER\"", "\"SUPER_ADMIN\"");
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2]);
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        refused(new PlainJWT(claims().build()).serialize());
    }

    @Test
    void hs256SignedWithOurPublicKeyIsRefused() throws Exception {
        byte[] publicKey = keys.signingKey().toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.signingKey().getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(publicKey));
        refused(jwt.serialize());
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() throws Exception {
        refused(sign(keys.signingKey(), claims().issuer("someone-else").build()));
        refused(sign(keys.signingKey(), claims().audience("another-api").build()));
    }

    @Test
    void unknownKeyOrAForeignKeyUnderOurKidIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-ours").generate();
        refused(sign(stranger, claims().build()));
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(keys.signingKey().getKeyID()).generate();
        refused(sign(impostor, claims().build()));
    }

    @Test
    void garbageAndMissingSchemesAreRefused() {
        refused("not.a.jwt");
        http.get().uri("/api/v1/auth/me").header("Authorization", "Basic dXNlcjpwYXNz").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void anIndependentClientVerifiesOurTokensFromTheJwksAlone() throws Exception {
        String jwks = http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JWKSet set = JWKSet.parse(jwks);
        assertThat(set.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());

        SignedJWT token = SignedJWT.parse(realToken);
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey published = (RSAKey) set.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(published).isNotNull();
        assertThat(token.verify(new RSASSAVerifier(published))).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("surge");
        assertThat(claims.getAudience()).containsExactly("surge-api");
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringClaim("role")).isEqualTo("CUSTOMER");
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("surge").audience(List.of("surge-api")).subject(userId)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).claim("sid", sessionId).claim("role", "CUSTOMER");
    }

    private static Date ago(long seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(String token) {
        return http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private void refused(String token) {
        me(token).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized").jsonPath("$.requestId").isNotEmpty();
    }

    /** Reads claims without verifying: only to reuse the real session id in forged tokens. */
    static final class SignedJwtClaims {
        static JWTClaimsSet of(String token) {
            try {
                return SignedJWT.parse(token).getJWTClaimsSet();
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
