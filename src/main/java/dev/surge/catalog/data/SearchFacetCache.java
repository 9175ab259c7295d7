package dev.surge.catalog.data;

import dev.surge.catalog.config.CatalogProperties;
import dev.surge.catalog.domain.SearchFacets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Facet counts in Redis under {@code surge:catalog:facets:<filters hash>} for
 * {@code surge.catalog.facet-cache-ttl}. Counting facets of a broad list (the whole catalog, a root
 * category) reads every matching product, while many shoppers ask for the same few broad lists: they
 * share one count for a few seconds. Counts may lag a change by up to the TTL, like a public response
 * cached for {@code http-max-age}; the products listed never come from here. A zero TTL turns it off;
 * Redis trouble degrades to counting in the database.
 */
@Repository
public class SearchFacetCache {

    private static final Logger log = LoggerFactory.getLogger(SearchFacetCache.class);
    private static final String FACETS = "surge:catalog:facets:";

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;

    SearchFacetCache(ReactiveStringRedisTemplate redis, JsonMapper json, CatalogProperties properties) {
        this.redis = redis;
        this.json = json;
        this.ttl = properties.facetCacheTtl();
    }

    /** The cached counts for {@code key}, or else {@code count}'s result, which is then cached. */
    public Mono<SearchFacets> get(String key, Mono<SearchFacets> count) {
        if (ttl.isZero() || ttl.isNegative()) {
            return count;
        }
        return redis.opsForValue().get(FACETS + key)
                .map(text -> json.readValue(text, SearchFacets.class))
                .onErrorResume(e -> degraded("read", e))
                .switchIfEmpty(Mono.defer(() -> count.flatMap(facets -> redis.opsForValue()
                        .set(FACETS + key, json.writeValueAsString(facets), ttl)
                        .onErrorResume(e -> degraded("write", e))
                        .thenReturn(facets))));
    }

    private <T> Mono<T> degraded(String operation, Throwable e) {
        log.warn("Facet cache {} failed, counting in the database: {}", operation, e.toString());
        return Mono.empty();
    }
}
