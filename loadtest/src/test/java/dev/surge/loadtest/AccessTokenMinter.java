package dev.surge.loadtest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.IntStream;

/**
 * Signs Surge access tokens with the server's own RSA key, so thousands of virtual buyers need no
 * sign-up or sign-in (Argon2 makes those seconds each under load).
 *
 * <p>The tokens carry exactly what {@code AccessTokens} in the server signs and {@code
 * SecurityConfig.accessTokenDecoder} checks: RS256 with the key's {@code kid}, {@code iss}, {@code aud},
 * {@code sub} (user id), {@code iat}, {@code nbf}, {@code exp}, a unique {@code jti}, {@code sid} (session
 * id, checked against the revoked sessions in Redis) and {@code role}. No user or session row exists for
 * them; nothing in the paths under test looks one up.
 *
 * <p>This works only against a server that trusts the key: the local run ({@code ./mvnw
 * spring-boot:test-run}) signs with {@code ~/.surge/dev-jwt-key.json}. Another target needs its own key
 * ({@code -DjwtKeyFile}), or real sign-ins.
 */
final class AccessTokenMinter {

  private final RSAKey key;
  private final RSASSASigner signer;
  private final String issuer;
  private final String audience;
  private final Duration ttl;

  private AccessTokenMinter(RSAKey key, String issuer, String audience, Duration ttl) throws JOSEException {
    this.key = key;
    this.signer = new RSASSASigner(key);
    this.issuer = issuer;
    this.audience = audience;
    this.ttl = ttl;
  }

  /**
   * From {@code -DjwtKeyFile} (default the local run's key), {@code -DjwtIssuer} ({@code surge}),
   * {@code -DjwtAudience} ({@code surge-api}) and {@code -DtokenTtlMinutes} (60): the same issuer and
   * audience as the server's {@code SURGE_JWT_ISSUER} / {@code SURGE_JWT_AUDIENCE}.
   */
  static AccessTokenMinter fromSettings() {
    Path file = Settings.jwtKeyFile();
    try {
      JWK jwk = JWK.parse(Files.readString(file));
      if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.getKeyID() == null) {
        throw new IllegalArgumentException(file + " is not an RSA private key (JWK) with a kid");
      }
      return new AccessTokenMinter(rsa, Settings.prop("jwtIssuer", "surge"),
          Settings.prop("jwtAudience", "surge-api"),
          Duration.ofMinutes(Settings.positive("tokenTtlMinutes", Settings.intProp("tokenTtlMinutes", 60))));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the JWT signing key " + file
          + " (the local run creates it; set -DjwtKeyFile for another server)", e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalArgumentException("cannot use the JWT signing key " + file, e);
    }
  }

  /** An access token of a new user (random id and session) with this role: CUSTOMER, ADMIN... */
  String mint(String role) {
    return mint(UUID.randomUUID(), role);
  }

  String mint(UUID userId, String role) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(List.of(audience))
        .subject(userId.toString())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .claim("sid", UUID.randomUUID().toString())
        .claim("role", role)
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  /** {@code count} customer tokens of distinct users, signed on all cores (a few seconds for 10,000). */
  String[] mintCustomers(int count) {
    return IntStream.range(0, count).parallel().mapToObj(i -> mint("CUSTOMER")).toArray(String[]::new);
  }

  /**
   * Customer tokens signed ahead of need: {@code capacity} at once, then topped up by a background
   * thread. Signing takes milliseconds of CPU; done in a session function it would stall one of
   * Gatling's event loops and add that to the response times being measured.
   */
  Supply supply(int capacity) {
    return new Supply(this, capacity);
  }

  static final class Supply implements AutoCloseable {

    private final AccessTokenMinter minter;
    private final BlockingQueue<String> ready;
    private final Thread filler;

    private Supply(AccessTokenMinter minter, int capacity) {
      this.minter = minter;
      this.ready = new ArrayBlockingQueue<>(capacity);
      ready.addAll(Arrays.asList(minter.mintCustomers(capacity)));
      this.filler = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            ready.put(minter.mint("CUSTOMER"));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "token-supply");
      filler.setDaemon(true);
      filler.start();
    }

    /** A token of a new customer; signed here only if the supply ran dry. */
    String next() {
      String token = ready.poll();
      return token != null ? token : minter.mint("CUSTOMER");
    }

    @Override
    public void close() {
      filler.interrupt();
    }
  }
}
