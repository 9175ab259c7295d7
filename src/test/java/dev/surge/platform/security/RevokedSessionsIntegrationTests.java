package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;

import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;

/**
 * Revocation is answered from each instance's memory, so it must reach every instance's memory: here a
 * second instance's {@link RevokedSessions} (its own Redis connections) that has already answered "not
 * revoked" for a session, and would keep that answer for an hour, learns of the revocation at once.
 */
class RevokedSessionsIntegrationTests extends IntegrationTest {

    @Autowired
    RevokedSessions thisInstance;
    @Autowired
    LettuceConnectionFactory redis;
    @Autowired
    RevocationLedger ledger;

    private LettuceConnectionFactory otherConnections;
    private RevokedSessions otherInstance;

    @BeforeEach
    void otherInstance() {
        RedisStandaloneConfiguration same = new RedisStandaloneConfiguration(redis.getHostName(), redis.getPort());
        same.setDatabase(redis.getDatabase());
        otherConnections = new LettuceConnectionFactory(same);
        otherConnections.afterPropertiesSet();
        otherConnections.start();
        JwtProperties properties = new JwtProperties("surge", "surge-api", Duration.ofMinutes(15), null, null, null,
                1000, Duration.ofHours(1));
        otherInstance = new RevokedSessions(new ReactiveStringRedisTemplate(otherConnections), ledger, properties, otherConnections);
        otherInstance.start();
    }

    @AfterEach
    void stop() {
        otherInstance.stop();
        otherConnections.destroy();
    }

    @Test
    void aRevocationReachesAnInstanceThatRememberedTheSessionAsLive() {
        String session = UUID.randomUUID().toString();
        assertThat(otherInstance.isRevoked(session).block()).isFalse();
        assertThat(otherInstance.isRevoked(session).block()).isFalse(); // now from memory

        thisInstance.revoke(session).block();

        assertThat(thisInstance.isRevoked(session).block()).isTrue();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(otherInstance.isRevoked(session).block()).isTrue());
    }

    @Test
    void anotherSessionIsNotRevokedByIt() {
        String revoked = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        thisInstance.revoke(revoked).block();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(otherInstance.isRevoked(revoked).block()).isTrue());
        assertThat(otherInstance.isRevoked(live).block()).isFalse();
        assertThat(thisInstance.isRevoked(live).block()).isFalse();
    }

    /**
     * A revocation is kept in PostgreSQL with the session, not only in Redis: an instance that missed the
     * message (started later, or subscribed to a Redis that failed over or was flushed) still refuses the token.
     */
    @Test
    void aRevocationOutlivesRedisForAnInstanceThatMissedTheMessage() throws Exception {
        String email = "revoked-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password, "displayName", "Rev")).exchange()
                .expectStatus().isCreated();
        String access = (String) http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("accessToken");
        String session = SignedJWT.parse(access).getJWTClaimsSet().getStringClaim(Principals.SESSION);
        assertThat(otherInstance.isRevoked(session).block()).isFalse();

        otherInstance.stop(); // hears no message from now on, as during a Redis failover
        http.post().uri("/api/v1/auth/logout").headers(h -> h.setBearerAuth(access)).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(access)).exchange().expectStatus().isUnauthorized();

        JwtProperties properties = new JwtProperties("surge", "surge-api", Duration.ofMinutes(15), null, null, null,
                1000, Duration.ofMillis(1));
        RevokedSessions restarted = new RevokedSessions(new ReactiveStringRedisTemplate(otherConnections), ledger,
                properties, otherConnections);
        // What a flush or a failover to an empty replica leaves of the revocation in Redis: nothing.
        new ReactiveStringRedisTemplate(otherConnections).delete("surge:auth:revoked-session:" + session).block();
        assertThat(restarted.isRevoked(session).block()).as("from the ledger, with nothing in Redis").isTrue();
        assertThat(restarted.isRevoked(UUID.randomUUID().toString()).block()).isFalse();
    }
}
