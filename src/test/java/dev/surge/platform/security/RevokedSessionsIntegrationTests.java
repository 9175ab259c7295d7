package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

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
        otherInstance = new RevokedSessions(new ReactiveStringRedisTemplate(otherConnections), properties, otherConnections);
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
}
