package dev.surge.catalog.data;

import dev.surge.catalog.config.CatalogProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.surge.catalog.domain.ProductDetail;
import dev.surge.catalog.domain.ProductPage;
import dev.surge.platform.web.ConditionalResponses;
import java.nio.charset.StandardCharsets;
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
 * Product pages in Redis: {@code surge:catalog:page:<id>} holds the page as served ({@code <etag> <slug>},
 * a newline, then the JSON), {@code surge:catalog:slug:<slug>} the id a slug points to. Entries expire after
 * {@code surge.catalog.detail-cache-ttl}. A cached page is sent as the bytes stored, never parsed.
 * <p>
 * Each instance also remembers slug to id for a minute, which saves a round trip per page view. That
 * answer may be stale (the slug moved to another product, the product was deleted); it is safe because
 * every page found is checked against the slug asked for, and a mismatch goes to the database.
 * <p>
 * A {@code ProductChanged} event does not just delete the page: it leaves a short-lived tombstone, and
 * pages are only ever written where no key exists ({@code SET NX}). So a request that read the product
 * just before the change cannot put the old page back after the eviction. Redis trouble degrades to a
 * database read, never an error.
 */
@Repository
public class ProductDetailCache {

    private static final Logger log = LoggerFactory.getLogger(ProductDetailCache.class);
    private static final String PAGE = "surge:catalog:page:";
    private static final String LEGACY_PRODUCT = "surge:catalog:product:";
    private static final String SLUG = "surge:catalog:slug:";
    private static final String TOMBSTONE = "evicted";
    /** Longer than any database read of a product page takes. */
    private static final Duration TOMBSTONE_TTL = Duration.ofSeconds(30);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final Cache<String, UUID> slugs = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    ProductDetailCache(ReactiveStringRedisTemplate redis, JsonMapper json, CatalogProperties properties) {
        this.redis = redis;
        this.json = json;
        this.ttl = properties.detailCacheTtl();
    }

    public Mono<ProductPage> get(UUID id) {
        return redis.opsForValue().get(PAGE + id)
                .filter(text -> !TOMBSTONE.equals(text))
                .flatMap(text -> Mono.justOrEmpty(parse(id, text)))
                .onErrorResume(e -> degraded("read", e));
    }

    public Mono<UUID> idForSlug(String slug) {
        UUID known = slugs.getIfPresent(slug);
        if (known != null) {
            return Mono.just(known);
        }
        return redis.opsForValue().get(SLUG + slug)
                .map(UUID::fromString)
                .doOnNext(id -> slugs.put(slug, id))
                .onErrorResume(e -> degraded("read", e));
    }

    /** The page of a product read from the database, serialised once, with its entity tag. */
    public ProductPage page(ProductDetail product) {
        byte[] body = json.writeValueAsBytes(product);
        return new ProductPage(product.id(), product.slug(), ConditionalResponses.etag(body), body);
    }

    public Mono<Void> put(ProductPage page) {
        String stored = page.etag() + " " + page.slug() + "\n" + new String(page.json(), StandardCharsets.UTF_8);
        return redis.opsForValue().setIfAbsent(PAGE + page.id(), stored, ttl)
                .then(redis.opsForValue().set(SLUG + page.slug(), page.id().toString(), ttl))
                .doOnSuccess(done -> slugs.put(page.slug(), page.id()))
                .then()
                .onErrorResume(e -> degraded("write", e));
    }

    /** A stored page, or null for one this version cannot read (it is then rebuilt from the database). */
    private static ProductPage parse(UUID id, String stored) {
        int space = stored.indexOf(' ');
        int newline = stored.indexOf('\n');
        if (space <= 0 || newline <= space) {
            return null;
        }
        return new ProductPage(id, stored.substring(space + 1, newline), stored.substring(0, space),
                stored.substring(newline + 1).getBytes(StandardCharsets.UTF_8));
    }

    public Mono<Void> evict(UUID id, Collection<String> slugs) {
        slugs.forEach(this.slugs::invalidate);
        Mono<Boolean> tombstone = redis.opsForValue().set(PAGE + id, TOMBSTONE, TOMBSTONE_TTL)
                // During a rolling deploy, instances of the version before pages were stored as served still read
                // the old key: evict it too (drop this once no such instance runs; the old keys expire in 10 min).
                .then(redis.opsForValue().set(LEGACY_PRODUCT + id, TOMBSTONE, TOMBSTONE_TTL));
        return slugs.isEmpty() ? tombstone.then()
                : tombstone.then(redis.delete(slugs.stream().map(slug -> SLUG + slug).toArray(String[]::new))).then();
    }

    private <T> Mono<T> degraded(String operation, Throwable e) {
        log.warn("Product cache {} failed, using the database: {}", operation, e.toString());
        return Mono.empty();
    }
}
