package dev.surge.inventory.data;

import dev.surge.platform.persistence.LuaScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The Redis side of inventory: the admission gate. Each script touches the keys of one variant or one
 * flash sale only, and those keys share a hash tag ({@code {v:<id>}}, {@code {fs:<id>}}), so every
 * script runs unchanged on Redis Cluster.
 * <ul>
 *   <li>{@code surge:inv:{v:<variant>}:available}: units that may be reserved (on hand - reserved);</li>
 *   <li>{@code surge:inv:{v:<variant>}:r:<reservation>}: the units a reservation took, deleted when they
 *       are returned or sold, so a return happens at most once;</li>
 *   <li>{@code surge:inv:{fs:<sale>}:meta|remaining|buyers|r:<reservation>}: a flash sale's window and
 *       limit, its untaken units, the units each customer holds, and each reservation's units.</li>
 * </ul>
 * A missing counter is never created by a decrement or an increment: the gate answers "not loaded" and
 * the caller loads it from PostgreSQL with {@code SET NX}. After a Redis loss every counter reloads on
 * first use.
 */
@Repository
public class StockCounters {

    private static final LuaScript<Long> TAKE = script("take");
    private static final LuaScript<Long> GIVE_BACK = script("give-back");
    private static final LuaScript<Long> ADD_IF_LOADED = script("add-if-loaded");
    private static final LuaScript<Long> COMPARE_AND_SET = script("compare-and-set");
    private static final LuaScript<Long> CLAMP = script("clamp");
    private static final LuaScript<Long> SALE_TAKE = script("sale-take");
    private static final LuaScript<Long> SALE_GIVE_BACK = script("sale-give-back");
    private static final LuaScript<Long> SALE_LOAD = script("sale-load");
    private static final LuaScript<Long> SALE_CLOSE = script("sale-close");
    private static final LuaScript<Long> SALE_BUYER_COMPARE_AND_SET = script("sale-buyer-compare-and-set");

    /** How long a closed sale's keys stay: longer than any hold, after which PostgreSQL answers for it. */
    private static final Duration CLOSED_SALE_KEEP = Duration.ofDays(2);

    private final ReactiveStringRedisTemplate redis;
    private final RecentAvailability recent;

    StockCounters(ReactiveStringRedisTemplate redis, RecentAvailability recent) {
        this.redis = redis;
        this.recent = recent;
    }

    static String available(UUID variant) {
        return "surge:inv:{v:" + variant + "}:available";
    }

    static String held(UUID variant, UUID reservation) {
        return "surge:inv:{v:" + variant + "}:r:" + reservation;
    }

    static String sale(UUID sale, String part) {
        return "surge:inv:{fs:" + sale + "}:" + part;
    }

    /** Remaining units after the take, or a refusal: read it with {@link Admission#of}. */
    public Mono<Long> take(UUID variant, UUID reservation, int quantity, Duration keep) {
        return changing(variant, run(TAKE, List.of(available(variant), held(variant, reservation)),
                List.of(Integer.toString(quantity), Long.toString(keep.toMillis()))));
    }

    /** Returns a reservation's units to the counter once; the units returned (0 if already returned). */
    public Mono<Long> giveBack(UUID variant, UUID reservation) {
        return changing(variant, run(GIVE_BACK, List.of(available(variant), held(variant, reservation)), List.of()));
    }

    /** The reservation's units were sold: forget them without returning them. */
    public Mono<Void> forget(UUID variant, UUID reservation) {
        return redis.delete(held(variant, reservation)).then();
    }

    public Mono<Boolean> load(UUID variant, int availableUnits) {
        return changing(variant, redis.opsForValue().setIfAbsent(available(variant), Integer.toString(availableUnits)));
    }

    public Mono<Long> get(UUID variant) {
        return redis.opsForValue().get(available(variant)).map(Long::parseLong);
    }

    /**
     * The counter as this instance read it within the last moment ({@link RecentAvailability}), else as
     * {@link #get} reads it; for showing stock, never for taking it.
     */
    public Mono<Long> getRecent(UUID variant) {
        Long fresh = recent.fresh(variant);
        if (fresh != null) {
            return Mono.just(fresh);
        }
        long stamp = recent.stamp();
        return get(variant).doOnNext(units -> recent.remember(variant, units, stamp));
    }

    /** Forgets the variant's recent figure before the change is sent and again once it is settled. */
    private <T> Mono<T> changing(UUID variant, Mono<T> change) {
        return Mono.defer(() -> {
            recent.changed(variant);
            return change.doFinally(signal -> recent.changed(variant));
        });
    }

    /** Adds {@code delta} (may be negative) to a loaded counter; an unloaded one will load the new truth. */
    public Mono<Void> add(UUID variant, int delta) {
        return changing(variant, run(ADD_IF_LOADED, List.of(available(variant)), List.of(Integer.toString(delta)))).then();
    }

    /** Lowers the variant's counter to {@code truth} if it is above it. */
    public Mono<Void> clamp(UUID variant, long truth) {
        return changing(variant, run(CLAMP, List.of(available(variant)), List.of(Long.toString(Math.max(0, truth))))).then();
    }

    public Mono<Void> saleClamp(UUID sale, long truth) {
        return run(CLAMP, List.of(sale(sale, "remaining")), List.of(Long.toString(Math.max(0, truth)))).then();
    }

    /** Sets the counter only if it still holds {@code expected}; false when it moved in between. */
    public Mono<Boolean> compareAndSet(UUID variant, long expected, long value) {
        return changing(variant, run(COMPARE_AND_SET, List.of(available(variant)),
                List.of(Long.toString(expected), Long.toString(value)))).map(changed -> changed == 1);
    }

    public Mono<Long> saleTake(UUID sale, UUID reservation, String owner, int quantity, Instant now, Duration keep) {
        return run(SALE_TAKE, saleKeys(sale, reservation),
                List.of(owner, Integer.toString(quantity), Long.toString(now.toEpochMilli()), Long.toString(keep.toMillis())));
    }

    /**
     * What the attempt script counted for the sale: {@code attempts}, {@code sold_out} and {@code sold_out_at}
     * (epoch ms the pool first ran dry); empty map when nobody tried yet.
     */
    public Mono<Map<String, String>> saleStats(UUID sale) {
        return redis.<String, String>opsForHash().entries(sale(sale, "stats"))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Mono<Long> saleGiveBack(UUID sale, UUID reservation, boolean toPool) {
        return run(SALE_GIVE_BACK, List.of(sale(sale, "remaining"), sale(sale, "buyers"), sale(sale, "r:" + reservation)),
                List.of(toPool ? "1" : "0"));
    }

    public Mono<Void> saleForget(UUID sale, UUID reservation) {
        return redis.delete(sale(sale, "r:" + reservation)).then();
    }

    public Mono<Boolean> saleLoad(UUID sale, Instant starts, Instant ends, int limit, int remaining,
            Map<String, Integer> heldByOwner) {
        List<String> args = new ArrayList<>(4 + heldByOwner.size() * 2);
        args.add(Long.toString(starts.toEpochMilli()));
        args.add(Long.toString(ends.toEpochMilli()));
        args.add(Integer.toString(limit));
        args.add(Integer.toString(remaining));
        heldByOwner.forEach((owner, units) -> {
            args.add(owner);
            args.add(Integer.toString(units));
        });
        return run(SALE_LOAD, List.of(sale(sale, "meta"), sale(sale, "remaining"), sale(sale, "buyers")), args)
                .map(loaded -> loaded == 1);
    }

    public Mono<Long> saleRemaining(UUID sale) {
        return redis.opsForValue().get(sale(sale, "remaining")).map(Long::parseLong);
    }

    public Mono<Boolean> saleCompareAndSet(UUID sale, long expected, long value) {
        return run(COMPARE_AND_SET, List.of(sale(sale, "remaining")), List.of(Long.toString(expected), Long.toString(value)))
                .map(changed -> changed == 1);
    }

    /** Units per customer as Redis counts them for a loaded sale (empty when it is not loaded). */
    public Mono<Map<String, Long>> saleBuyers(UUID sale) {
        return redis.<String, String>opsForHash().entries(sale(sale, "buyers"))
                .collectMap(Map.Entry::getKey, entry -> Long.parseLong(entry.getValue()));
    }

    /** Sets one customer's count in a loaded sale if it is still {@code expected}; true when set. */
    public Mono<Boolean> saleBuyerCompareAndSet(UUID sale, String owner, long expected, long value) {
        return run(SALE_BUYER_COMPARE_AND_SET, List.of(sale(sale, "remaining"), sale(sale, "buyers")),
                List.of(owner, Long.toString(expected), Long.toString(value))).map(changed -> changed == 1);
    }

    public Mono<Void> saleClose(UUID sale, Instant closedAt) {
        return run(SALE_CLOSE, List.of(sale(sale, "meta"), sale(sale, "remaining"), sale(sale, "buyers")),
                List.of(Long.toString(closedAt.toEpochMilli()), Long.toString(CLOSED_SALE_KEEP.toMillis()))).then();
    }

    private List<String> saleKeys(UUID sale, UUID reservation) {
        return List.of(sale(sale, "meta"), sale(sale, "remaining"), sale(sale, "buyers"), sale(sale, "r:" + reservation),
                sale(sale, "stats"));
    }

    private static LuaScript<Long> script(String name) {
        return LuaScript.load(Long.class, "redis/inventory/" + name + ".lua");
    }

    private Mono<Long> run(LuaScript<Long> script, List<String> keys, List<String> args) {
        return redis.execute(script, keys, args).next();
    }
}
