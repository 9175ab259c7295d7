package dev.surge.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access-token settings.
 *
 * @param issuer               {@code iss} of every token we sign, and the only one we accept
 * @param audience             {@code aud} of every token we sign, and the only one we accept
 * @param accessTokenTtl       lifetime of an access token
 * @param signingKey           the current RSA private key as a JWK (JSON, with {@code kid}); from the
 *                             environment ({@code SURGE_JWT_SIGNING_KEY}) in production
 * @param additionalPublicKeys a JWK set (JSON) of older public keys still accepted and published, so keys
 *                             rotate without logging anyone out
 * @param devKeyFile           without a signing key: a file to keep a generated key in across restarts
 *                             (the local run uses one under the home directory); blank: a new key per process
 * @param verifiedTokenCacheSize how many verified access tokens an instance keeps (each until it expires) so
 *                             that a client's next requests skip the signature check; 2-3 KB each, so the
 *                             default 20,000 (a flash sale's buyers at once) is at most ~60 MB of heap
 * @param revocationCacheTtl   how long an instance trusts its memory that a session is not revoked; the
 *                             revocation itself reaches every instance at once over Redis pub/sub, so this
 *                             only bounds the delay when that message is lost (Redis connection dropped)
 */
@ConfigurationProperties("surge.security.jwt")
public record JwtProperties(
        @DefaultValue("surge") String issuer,
        @DefaultValue("surge-api") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        String signingKey,
        String additionalPublicKeys,
        String devKeyFile,
        @DefaultValue("20000") int verifiedTokenCacheSize,
        @DefaultValue("10s") Duration revocationCacheTtl) {
}
