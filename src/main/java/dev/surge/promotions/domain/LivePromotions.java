package dev.surge.promotions.domain;

import dev.surge.platform.events.BackgroundWork;
import dev.surge.promotions.config.PromotionsProperties;
import dev.surge.promotions.data.PromotionQueries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * This instance's copy of the live promotions, for pricing carts without a database round trip: reloaded in the
 * background every {@code cache-ttl} (one query per instance per period, never on a request), and at once after a
 * change made here. A request that finds no copy yet (just after start-up) loads it once.
 */
@Component
class LivePromotions extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(LivePromotions.class);

    /** The automatic ones and the coded ones by code. */
    record Snapshot(List<Promotion> automatic, Map<String, Promotion> byCode) {

        static Snapshot of(List<Promotion> live) {
            Map<String, Promotion> byCode = new HashMap<>();
            List<Promotion> automatic = new java.util.ArrayList<>();
            for (Promotion p : live) {
                if (p.automatic()) {
                    automatic.add(p);
                } else {
                    byCode.put(p.code(), p);
                }
            }
            return new Snapshot(List.copyOf(automatic), Map.copyOf(byCode));
        }
    }

    private final PromotionQueries queries;
    private final PromotionsProperties properties;
    private volatile Snapshot current;
    private final Mono<Snapshot> firstLoad;

    LivePromotions(PromotionQueries queries, PromotionsProperties properties) {
        this.queries = queries;
        this.properties = properties;
        this.firstLoad = Mono.defer(this::load);
    }

    @Override
    protected Disposable begin() {
        return every(properties.cacheTtl(), properties.cacheTtl(), this::reload, log, "Reloading live promotions");
    }

    /** The copy; loaded first if this instance has none yet. */
    Mono<Snapshot> snapshot() {
        Snapshot now = current;
        return now != null ? Mono.just(now) : firstLoad;
    }

    /** Reloads now (after a change made on this instance, or to learn a code another instance just made). */
    Mono<Snapshot> reload() {
        return load();
    }

    private Mono<Snapshot> load() {
        return queries.live().collectList().map(Snapshot::of).doOnNext(loaded -> current = loaded);
    }
}
