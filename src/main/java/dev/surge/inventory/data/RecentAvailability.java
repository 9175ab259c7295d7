package dev.surge.inventory.data;

import dev.surge.inventory.config.InventoryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The variants' available units as this instance last read them from Redis, for answers that show stock
 * rather than take it (a cart's "n left"). A figure is kept for {@code surge.inventory.availability-cache-ttl}
 * (1 s) at most, and forgotten at once when this instance changes the variant's counter, so a buyer who
 * changes stock through one instance sees it there at once and on other instances within that time.
 * Reservations never use it: they take units through the counter itself.
 * <p>
 * A read that was in flight while a counter changed must not keep the figure from before the change: every
 * change bumps {@code changes} before it is sent and after it is applied, and a read keeps its figure only
 * if no change happened since it was sent (checked again after storing, so a change racing the store
 * removes it). When the map is full it starts over (bounded and lock-free for the event loops).
 */
@Component
public class RecentAvailability {

    private record Entry(long units, long expiresAt) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;
    private final Counter hits;
    private final Counter misses;

    RecentAvailability(InventoryProperties properties, MeterRegistry registry) {
        this.ttlNanos = properties.availabilityCacheTtl().toNanos();
        this.maxEntries = properties.availabilityCacheSize();
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("surge.inventory.availability.cache").tag("result", result)
                .description("Reads of available units answered from this instance's recent figures, or from Redis")
                .register(registry);
    }

    /** The figure read within the last TTL, or null (counted as a miss). */
    Long fresh(UUID variant) {
        Entry entry = entries.get(variant);
        if (entry != null && entry.expiresAt() - System.nanoTime() > 0) {
            hits.increment();
            return entry.units();
        }
        misses.increment();
        return null;
    }

    /** Taken before a read is sent; hand it back to {@link #remember}. */
    long stamp() {
        return changes.get();
    }

    /** Keeps a figure read from Redis, unless a counter changed since the read was sent. */
    void remember(UUID variant, long units, long stamp) {
        if (ttlNanos <= 0 || changes.get() != stamp) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        Entry entry = new Entry(units, System.nanoTime() + ttlNanos);
        entries.put(variant, entry);
        if (changes.get() != stamp) {
            entries.remove(variant, entry);
        }
    }

    /** This instance is changing (or has changed) the variant's counter. */
    void changed(UUID variant) {
        changes.incrementAndGet();
        entries.remove(variant);
    }
}
