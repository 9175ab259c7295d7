package dev.surge.cart.domain;

import dev.surge.cart.config.CartProperties;
import dev.surge.catalog.CatalogApi;
import dev.surge.catalog.VariantSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The catalog's variants as carts price them, kept per instance for {@code surge.cart.variant-cache-ttl}
 * (5 s): a cart read then costs no PostgreSQL query for variants seen recently, and a price change shows
 * in carts within that time on every instance. Unknown variants are not remembered. When the cache is
 * full it starts over (simple, bounded, and lock-free for the event loops).
 */
@Component
public class VariantSnapshots {

    private record Entry(VariantSnapshot snapshot, long expiresAt) {
    }

    private final CatalogApi catalog;
    private final CartProperties properties;
    private final CartMetrics metrics;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    VariantSnapshots(CatalogApi catalog, CartProperties properties, CartMetrics metrics) {
        this.catalog = catalog;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** The variant; empty when the catalog has no such variant. */
    public Mono<VariantSnapshot> find(UUID variantId) {
        Entry entry = entries.get(variantId);
        if (entry != null && entry.expiresAt() - System.nanoTime() > 0) {
            metrics.variantLookup(true);
            return Mono.just(entry.snapshot());
        }
        metrics.variantLookup(false);
        return catalog.findVariant(variantId).doOnNext(this::remember);
    }

    /** The variants the catalog knows among {@code variantIds}. */
    public Mono<Map<UUID, VariantSnapshot>> find(Collection<UUID> variantIds) {
        Map<UUID, VariantSnapshot> known = new HashMap<>();
        long now = System.nanoTime();
        for (UUID variantId : variantIds) {
            Entry entry = entries.get(variantId);
            if (entry == null || entry.expiresAt() - now <= 0) {
                return ask(variantIds);
            }
            known.put(variantId, entry.snapshot());
        }
        known.forEach((variantId, snapshot) -> metrics.variantLookup(true));
        return Mono.just(known); // every one remembered: no reactive pipeline for the usual cart read
    }

    private Mono<Map<UUID, VariantSnapshot>> ask(Collection<UUID> variantIds) {
        return Flux.fromIterable(new LinkedHashSet<>(variantIds))
                .flatMap(this::find, 16)
                .collectMap(VariantSnapshot::variantId);
    }

    /** Forgets a variant on this instance, so the next read asks the catalog. */
    public void evict(UUID variantId) {
        entries.remove(variantId);
    }

    private void remember(VariantSnapshot snapshot) {
        if (entries.size() >= properties.variantCacheSize()) {
            entries.clear();
        }
        entries.put(snapshot.variantId(), new Entry(snapshot, System.nanoTime() + properties.variantCacheTtl().toNanos()));
    }
}
