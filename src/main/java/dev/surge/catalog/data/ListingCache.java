package dev.surge.catalog.data;

import dev.surge.catalog.config.CatalogProperties;
import dev.surge.platform.persistence.Ids;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Public list responses (first pages of product lists and searches, featured products) and the category
 * tree, in Redis under a generation: {@code surge:catalog:gen:<scope>} holds a random id and entries live
 * at {@code surge:catalog:cache:<scope>:<generation>:<key>}. A change replaces the generation, which makes
 * every entry of the scope unreachable at once (they expire after {@code surge.catalog.listing-cache-ttl}).
 * <p>
 * Readers take the generation before they query the database. A reader whose query raced a change
 * therefore stores its (possibly old) result under the old generation, where nobody looks any more: no
 * stale entry can outlive the change that made it stale. A generation is never reused (a new UUID, not a
 * counter), so losing the key cannot resurrect old entries. Redis trouble degrades to no caching.
 */
@Repository
public class ListingCache {

    private static final Logger log = LoggerFactory.getLogger(ListingCache.class);

    /** What a generation covers. */
    public enum Scope {
        /** Product lists, searches, featured products: any product or category change. */
        LISTINGS,
        /** The category tree: category changes only. */
        CATEGORIES;

        String key() {
            return "surge:catalog:gen:" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;

    ListingCache(ReactiveStringRedisTemplate redis, CatalogProperties properties) {
        this.redis = redis;
        this.ttl = properties.listingCacheTtl();
    }

    /** The scope's current generation (made on first use); empty when Redis is not answering. */
    public Mono<String> generation(Scope scope) {
        return redis.opsForValue().get(scope.key())
                .switchIfEmpty(Mono.defer(() -> redis.opsForValue().setIfAbsent(scope.key(), Ids.newId().toString())
                        .then(redis.opsForValue().get(scope.key()))))
                .onErrorResume(e -> degraded("read", e));
    }

    public Mono<String> get(Scope scope, String generation, String key) {
        return redis.opsForValue().get(entry(scope, generation, key))
                .onErrorResume(e -> degraded("read", e));
    }

    public Mono<Void> put(Scope scope, String generation, String key, String value) {
        return redis.opsForValue().set(entry(scope, generation, key), value, ttl)
                .then()
                .onErrorResume(e -> degraded("write", e));
    }

    /** Starts a new generation of each scope. Fails when Redis does (event handlers retry). */
    public Mono<Void> invalidate(Scope... scopes) {
        return Flux.fromArray(scopes)
                .concatMap(scope -> redis.opsForValue().set(scope.key(), Ids.newId().toString()))
                .then();
    }

    private static String entry(Scope scope, String generation, String key) {
        return "surge:catalog:cache:" + scope.name().toLowerCase(java.util.Locale.ROOT) + ":" + generation + ":" + key;
    }

    private <T> Mono<T> degraded(String operation, Throwable e) {
        log.warn("Listing cache {} failed, using the database: {}", operation, e.toString());
        return Mono.<T>empty();
    }

    /** For callers that must not fail on Redis: an empty optional when the generation is unknown. */
    public Mono<Optional<String>> optionalGeneration(Scope scope) {
        return generation(scope).map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
