package dev.surge.catalog.data;

import dev.surge.catalog.config.CatalogProperties;
import dev.surge.catalog.domain.ProductDetail;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Product pages in Redis: {@code surge:catalog:product:<id>} holds the JSON, {@code surge:catalog:slug:<slug>}
 * the id a slug points to. Entries expire after {@code surge.catalog.detail-cache-ttl}.
 * <p>
 * A {@code ProductChanged} event does not just delete the page: it leaves a short-lived tombstone, and
 * pages are only ever written where no key exists ({@code SET NX}). So a request that read the product
 * just before the change cannot put the old page back after the eviction. Redis trouble degrades to a
 * database read, never an error.
 */
@Repository
public class ProductDetailCache {

    private static final Logger log = LoggerFactory.getLogger(ProductDetailCache.class);
    private static final String PRODUCT = "surge:catalog:product:";
    private static final String SLUG = "surge:catalog:slug:";
    private static final String TOMBSTONE = "evicted";
    /** Longer than any database read of a product page takes. */
    private static final Duration TOMBSTONE_TTL = Duration.ofSeconds(30);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;

    ProductDetailCache(ReactiveStringRedisTemplate redis, JsonMapper json, CatalogProperties properties) {
        this.redis = redis;
        this.json = json;
        this.ttl = properties.detailCacheTtl();
    }

    public Mono<ProductDetail> get(UUID id) {
        return redis.opsForValue().get(PRODUCT + id)
                .filter(text -> !TOMBSTONE.equals(text))
                .map(text -> json.readValue(text, ProductDetail.class))
                .onErrorResume(e -> degraded("read", e));
    }

    public Mono<UUID> idForSlug(String slug) {
        return redis.opsForValue().get(SLUG + slug)
                .map(UUID::fromString)
                .onErrorResume(e -> degraded("read", e));
    }

    public Mono<Void> put(ProductDetail product) {
        return redis.opsForValue().setIfAbsent(PRODUCT + product.id(), json.writeValueAsString(product), ttl)
                .then(redis.opsForValue().set(SLUG + product.slug(), product.id().toString(), ttl))
                .then()
                .onErrorResume(e -> degraded("write", e));
    }

    public Mono<Void> evict(UUID id, Collection<String> slugs) {
        Mono<Boolean> tombstone = redis.opsForValue().set(PRODUCT + id, TOMBSTONE, TOMBSTONE_TTL);
        return slugs.isEmpty() ? tombstone.then()
                : tombstone.then(redis.delete(slugs.stream().map(slug -> SLUG + slug).toArray(String[]::new))).then();
    }

    private <T> Mono<T> degraded(String operation, Throwable e) {
        log.warn("Product cache {} failed, using the database: {}", operation, e.toString());
        return Mono.empty();
    }
}
