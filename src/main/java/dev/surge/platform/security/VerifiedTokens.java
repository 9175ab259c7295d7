package dev.surge.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Access tokens that passed every check of the decoder (signature, issuer, audience, validity window,
 * session claim), kept until they expire, so that a token is verified once per instance rather than once
 * per request.
 * <p>
 * The key is the whole token: an entry can only be hit by the exact bytes that were verified, so nothing
 * forged or altered ever matches one (there is no digest to collide). Entries leave at the token's
 * {@code exp}, never later; after that the token goes through the decoder again, which refuses it. The
 * cache is bounded (least recently used go first) so a flood of distinct tokens costs at most
 * {@code maximumSize} entries. What is not cached: revocation, checked on every request by the caller.
 */
final class VerifiedTokens {

    private final ReactiveJwtDecoder decoder;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    VerifiedTokens(ReactiveJwtDecoder decoder, long maximumSize) {
        this(decoder, maximumSize, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With the clock that tells tokens' expiry apart and the ticker the cache measures time with (tests). */
    VerifiedTokens(ReactiveJwtDecoder decoder, long maximumSize, Clock clock, Ticker ticker) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .build();
    }

    Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return Mono.just(known);
        }
        return decoder.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
        });
    }

    private Duration untilExpiry(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
