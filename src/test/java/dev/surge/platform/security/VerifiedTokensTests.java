package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class VerifiedTokensTests {

    private final Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger decoded = new AtomicInteger();

    /** A decoder that accepts "good-*" tokens (expiring in 60 s) and counts its calls. */
    private final ReactiveJwtDecoder decoder = token -> {
        decoded.incrementAndGet();
        return token.startsWith("good") ? Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("u")
                .issuedAt(now).expiresAt(now.plusSeconds(60)).build())
                : Mono.error(new BadJwtException("bad signature"));
    };

    private final VerifiedTokens tokens = new VerifiedTokens(decoder, 100, Clock.fixed(now, ZoneOffset.UTC), nanos::get);

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() {
        StepVerifier.create(tokens.decode("good-1")).expectNextCount(1).verifyComplete();
        StepVerifier.create(tokens.decode("good-1")).expectNextCount(1).verifyComplete();
        assertThat(decoded).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(61).toNanos()); // past its exp: verified again (and refused there)
        StepVerifier.create(tokens.decode("good-1")).expectNextCount(1).verifyComplete();
        assertThat(decoded).hasValue(2);
    }

    @Test
    void onlyTheExactTokenHitsAndRefusalsAreNotKept() {
        tokens.decode("good-1").block();
        StepVerifier.create(tokens.decode("good-1x")).expectNextCount(1).verifyComplete(); // another token
        StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();
        StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();
        assertThat(decoded).hasValue(4);
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < 500; i++) {
            tokens.decode("good-" + i).block();
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(100);
    }
}
