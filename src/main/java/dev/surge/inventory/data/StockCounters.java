package dev.surge.inventory.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
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

    /** The counter (or sale) is not in Redis: load it from PostgreSQL and try again. */
    public static final long NOT_LOADED = -2;
    public static final long INSUFFICIENT = -1;
    public static final long SALE_NOT_ACTIVE = -3;
    public static final long OVER_LIMIT = -4;

    private static final LuaScript TAKE = LuaScript.of("""
            local available = redis.call('GET', KEYS[1])
            if not available then return -2 end
            available = tonumber(available)
            local quantity = tonumber(ARGV[1])
            if available < quantity then return -1 end
            redis.call('DECRBY', KEYS[1], quantity)
            redis.call('SET', KEYS[2], quantity, 'PX', ARGV[2])
            return available - quantity""");

    private static final LuaScript GIVE_BACK = LuaScript.of("""
            local quantity = redis.call('GET', KEYS[2])
            if not quantity then return 0 end
            redis.call('DEL', KEYS[2])
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], quantity) end
            return tonumber(quantity)""");

    private static final LuaScript ADD_IF_LOADED = LuaScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('INCRBY', KEYS[1], ARGV[1])
            return 1""");

    private static final LuaScript COMPARE_AND_SET = LuaScript.of("""
            local current = redis.call('GET', KEYS[1])
            if current ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2])
            return 1""");

    /** Lowers a loaded counter to the truth when it is above it; never raises it (grants may be in flight). */
    private static final LuaScript CLAMP = LuaScript.of("""
            local current = redis.call('GET', KEYS[1])
            if not current then return 0 end
            if tonumber(current) > tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) return 1 end
            return 0""");

    private static final LuaScript SALE_TAKE = LuaScript.of("""
            local remaining = redis.call('GET', KEYS[2])
            if not remaining then return -2 end
            local meta = redis.call('HMGET', KEYS[1], 'starts', 'ends', 'limit')
            if not meta[1] or not meta[2] or not meta[3] then return -2 end
            local now = tonumber(ARGV[3])
            if now < tonumber(meta[1]) or now >= tonumber(meta[2]) then return -3 end
            remaining = tonumber(remaining)
            local quantity = tonumber(ARGV[2])
            if remaining < quantity then return -1 end
            local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
            if held + quantity > tonumber(meta[3]) then return -4 end
            redis.call('DECRBY', KEYS[2], quantity)
            redis.call('HINCRBY', KEYS[3], ARGV[1], quantity)
            redis.call('SET', KEYS[4], quantity .. ':' .. ARGV[1], 'PX', ARGV[4])
            return remaining - quantity""");

    /** ARGV[1] = 1 returns the units to the sale's pool (open sale); 0 only forgets the reservation. */
    private static final LuaScript SALE_GIVE_BACK = LuaScript.of("""
            local held = redis.call('GET', KEYS[3])
            if not held then return 0 end
            redis.call('DEL', KEYS[3])
            local separator = string.find(held, ':', 1, true)
            local quantity = tonumber(string.sub(held, 1, separator - 1))
            local owner = string.sub(held, separator + 1)
            if redis.call('EXISTS', KEYS[1]) == 1 then
              if ARGV[1] == '1' then redis.call('INCRBY', KEYS[1], quantity) end
              redis.call('HINCRBY', KEYS[2], owner, -quantity)
            end
            return quantity""");

    /** Loads a sale unless it is already loaded: meta, remaining units, and what each customer holds. */
    private static final LuaScript SALE_LOAD = LuaScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('HEXISTS', KEYS[1], 'limit') == 1 then return 0 end
            redis.call('DEL', KEYS[1], KEYS[3])
            redis.call('HSET', KEYS[1], 'starts', ARGV[1], 'ends', ARGV[2], 'limit', ARGV[3])
            for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
            redis.call('SET', KEYS[2], ARGV[4])
            return 1""");

    /** A closed sale admits nobody: its window ends now and nothing remains. */
    private static final LuaScript SALE_CLOSE = LuaScript.of("""
            redis.call('HSET', KEYS[1], 'ends', ARGV[1])
            if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('SET', KEYS[2], 0) end
            for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
            return 1""");

    /** How long a closed sale's keys stay: longer than any hold, after which PostgreSQL answers for it. */
    private static final Duration CLOSED_SALE_KEEP = Duration.ofDays(2);

    private final ReactiveStringRedisTemplate redis;

    /**
     * A script with its SHA-1 computed once. Spring's {@code DefaultRedisScript} takes a lock on every
     * {@code getSha1()}, which a thousand concurrent attempts turn into event-loop threads parking.
     */
    private record LuaScript(String text, String sha1) implements RedisScript<Long> {

        static LuaScript of(String text) {
            return new LuaScript(text, sha1(text));
        }

        private static String sha1(String text) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getSha1() {
            return sha1;
        }

        @Override
        public Class<Long> getResultType() {
            return Long.class;
        }

        @Override
        public String getScriptAsString() {
            return text;
        }
    }

    StockCounters(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
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

    /** Remaining units after the take, or {@link #INSUFFICIENT} / {@link #NOT_LOADED}. */
    public Mono<Long> take(UUID variant, UUID reservation, int quantity, Duration keep) {
        return run(TAKE, List.of(available(variant), held(variant, reservation)),
                List.of(Integer.toString(quantity), Long.toString(keep.toMillis())));
    }

    /** Returns a reservation's units to the counter once; the units returned (0 if already returned). */
    public Mono<Long> giveBack(UUID variant, UUID reservation) {
        return run(GIVE_BACK, List.of(available(variant), held(variant, reservation)), List.of());
    }

    /** The reservation's units were sold: forget them without returning them. */
    public Mono<Void> forget(UUID variant, UUID reservation) {
        return redis.delete(held(variant, reservation)).then();
    }

    public Mono<Boolean> load(UUID variant, int availableUnits) {
        return redis.opsForValue().setIfAbsent(available(variant), Integer.toString(availableUnits));
    }

    public Mono<Long> get(UUID variant) {
        return redis.opsForValue().get(available(variant)).map(Long::parseLong);
    }

    /** Adds {@code delta} (may be negative) to a loaded counter; an unloaded one will load the new truth. */
    public Mono<Void> add(UUID variant, int delta) {
        return run(ADD_IF_LOADED, List.of(available(variant)), List.of(Integer.toString(delta))).then();
    }

    /** Lowers the variant's counter to {@code truth} if it is above it. */
    public Mono<Void> clamp(UUID variant, long truth) {
        return run(CLAMP, List.of(available(variant)), List.of(Long.toString(Math.max(0, truth)))).then();
    }

    public Mono<Void> saleClamp(UUID sale, long truth) {
        return run(CLAMP, List.of(sale(sale, "remaining")), List.of(Long.toString(Math.max(0, truth)))).then();
    }

    /** Sets the counter only if it still holds {@code expected}; false when it moved in between. */
    public Mono<Boolean> compareAndSet(UUID variant, long expected, long value) {
        return run(COMPARE_AND_SET, List.of(available(variant)), List.of(Long.toString(expected), Long.toString(value)))
                .map(changed -> changed == 1);
    }

    public Mono<Long> saleTake(UUID sale, UUID reservation, String owner, int quantity, Instant now, Duration keep) {
        return run(SALE_TAKE, saleKeys(sale, reservation),
                List.of(owner, Integer.toString(quantity), Long.toString(now.toEpochMilli()), Long.toString(keep.toMillis())));
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

    public Mono<Void> saleClose(UUID sale, Instant closedAt) {
        return run(SALE_CLOSE, List.of(sale(sale, "meta"), sale(sale, "remaining"), sale(sale, "buyers")),
                List.of(Long.toString(closedAt.toEpochMilli()), Long.toString(CLOSED_SALE_KEEP.toMillis()))).then();
    }

    private List<String> saleKeys(UUID sale, UUID reservation) {
        return List.of(sale(sale, "meta"), sale(sale, "remaining"), sale(sale, "buyers"), sale(sale, "r:" + reservation));
    }

    private Mono<Long> run(LuaScript script, List<String> keys, List<String> args) {
        return redis.execute(script, keys, args).next();
    }
}
