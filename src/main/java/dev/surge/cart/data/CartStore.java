package dev.surge.cart.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carts in Redis. A cart is one hash, {@code surge:cart:{<cart id>}} ({@code g:<sha-256 of the guest
 * token>} or {@code u:<user id>}; see {@link StoredCart} for its fields), and every change is one script
 * on that one key, so caps and the single-currency rule hold under concurrent requests and the layout
 * works unchanged on Redis Cluster. Signed-in carts that changed are listed in
 * {@code surge:cart:{flush}:dirty} (a sorted set, score = first change) until the flusher claims them into
 * {@code surge:cart:{flush}:claimed} and writes them to PostgreSQL.
 */
@Repository
public class CartStore {

    /** The script's outcome; negative values are refusals, the cart is then unchanged. */
    public static final int CHANGED = 1;
    public static final int UNCHANGED = 0;
    public static final int MISSING = -2;
    public static final int CURRENCY_MISMATCH = -3;
    public static final int OVER_MAX_QUANTITY = -4;
    public static final int INSUFFICIENT_STOCK = -5;
    public static final int CART_FULL = -6;
    public static final int NO_SUCH_LINE = -7;

    private static final String REPLY = """
            local function reply(status)
              local all = redis.call('HGETALL', KEYS[1])
              table.insert(all, 1, tostring(status))
              return all
            end
            """;

    /** ARGV: create (1/0), ttl ms, variant, units, price, currency, available, max units, max lines, now ms. */
    private static final Script ADD = Script.of(REPLY + """
            local key = KEYS[1]
            local exists = redis.call('EXISTS', key) == 1
            if not exists and ARGV[1] ~= '1' then return {'-2'} end
            local have, n, cur = 0, 0, ''
            if exists then
              have = tonumber(redis.call('HGET', key, 'q:' .. ARGV[3]) or '0')
              n = tonumber(redis.call('HGET', key, 'n') or '0')
              cur = redis.call('HGET', key, 'cur') or ''
            end
            if n > 0 and cur ~= ARGV[6] then return reply(-3) end
            local want = have + tonumber(ARGV[4])
            if want > tonumber(ARGV[8]) then return reply(-4) end
            if want > tonumber(ARGV[7]) then return reply(-5) end
            if have == 0 and n >= tonumber(ARGV[9]) then return reply(-6) end
            if not exists then
              redis.call('HSET', key, 'created', ARGV[10], 'cur', '', 'ver', '0', 'seq', '0', 'n', '0')
            end
            if have == 0 then
              redis.call('HSET', key, 'o:' .. ARGV[3], redis.call('HINCRBY', key, 'seq', 1), 'cur', ARGV[6])
              redis.call('HINCRBY', key, 'n', 1)
            end
            redis.call('HSET', key, 'q:' .. ARGV[3], want, 'p:' .. ARGV[3], ARGV[5])
            redis.call('HINCRBY', key, 'ver', 1)
            redis.call('PEXPIRE', key, ARGV[2])
            return reply(1)""");

    /** ARGV: ttl ms, variant, units (0 removes), price, available, max units. Increases must fit the stock. */
    private static final Script SET = Script.of(REPLY + """
            local key = KEYS[1]
            if redis.call('EXISTS', key) == 0 then return {'-2'} end
            local have = redis.call('HGET', key, 'q:' .. ARGV[2])
            if not have then return reply(-7) end
            have = tonumber(have)
            local want = tonumber(ARGV[3])
            if want == 0 then
              redis.call('HDEL', key, 'q:' .. ARGV[2], 'p:' .. ARGV[2], 'o:' .. ARGV[2])
              if redis.call('HINCRBY', key, 'n', -1) <= 0 then redis.call('HSET', key, 'n', 0, 'cur', '') end
            else
              if want > tonumber(ARGV[6]) then return reply(-4) end
              if want > have and want > tonumber(ARGV[5]) then return reply(-5) end
              redis.call('HSET', key, 'q:' .. ARGV[2], want, 'p:' .. ARGV[2], ARGV[4])
            end
            redis.call('HINCRBY', key, 'ver', 1)
            redis.call('PEXPIRE', key, ARGV[1])
            return reply(1)""");

    /** ARGV: ttl ms, variant. Removing a line that is not there changes nothing. */
    private static final Script REMOVE = Script.of(REPLY + """
            local key = KEYS[1]
            if redis.call('EXISTS', key) == 0 then return {'-2'} end
            redis.call('PEXPIRE', key, ARGV[1])
            if redis.call('HDEL', key, 'q:' .. ARGV[2]) == 0 then return reply(0) end
            redis.call('HDEL', key, 'p:' .. ARGV[2], 'o:' .. ARGV[2])
            if redis.call('HINCRBY', key, 'n', -1) <= 0 then redis.call('HSET', key, 'n', 0, 'cur', '') end
            redis.call('HINCRBY', key, 'ver', 1)
            return reply(1)""");

    /** ARGV: ttl ms. Keeps the cart (its token stays valid) without lines. */
    private static final Script CLEAR = Script.of(REPLY + """
            local key = KEYS[1]
            if redis.call('EXISTS', key) == 0 then return {'-2'} end
            local m = redis.call('HMGET', key, 'created', 'ver', 'seq')
            redis.call('DEL', key)
            redis.call('HSET', key, 'created', m[1], 'cur', '', 'ver', tonumber(m[2] or '0') + 1, 'seq', m[3] or '0', 'n', 0)
            redis.call('PEXPIRE', key, ARGV[1])
            return reply(1)""");

    /** ARGV: ttl ms. Reads the cart and extends its life. */
    private static final Script TOUCH = Script.of(REPLY + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {'-2'} end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return reply(1)""");

    /** Reads and deletes a cart in one step, so that it can be merged only once. */
    private static final Script TAKE = Script.of(REPLY + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {'-2'} end
            local all = reply(1)
            redis.call('DEL', KEYS[1])
            return all""");

    /**
     * ARGV: ttl ms, max lines, currency, then per guest line: variant, units, price seen, cap. A line grows
     * to min(own + guest units, cap) and never shrinks; new lines beyond the line cap are left out.
     */
    private static final Script MERGE = Script.of(REPLY + """
            local key = KEYS[1]
            if redis.call('EXISTS', key) == 0 then return {'-2'} end
            local n = tonumber(redis.call('HGET', key, 'n') or '0')
            local cur = redis.call('HGET', key, 'cur') or ''
            if n > 0 and cur ~= ARGV[3] then return reply(-3) end
            local changed = 0
            for i = 4, #ARGV, 4 do
              local v = ARGV[i]
              local have = tonumber(redis.call('HGET', key, 'q:' .. v) or '0')
              local want = math.min(have + tonumber(ARGV[i + 1]), tonumber(ARGV[i + 3]))
              if want > have and (have > 0 or n < tonumber(ARGV[2])) then
                if have == 0 then
                  redis.call('HSET', key, 'o:' .. v, redis.call('HINCRBY', key, 'seq', 1), 'p:' .. v, ARGV[i + 2])
                  n = n + 1
                end
                redis.call('HSET', key, 'q:' .. v, want)
                changed = 1
              end
            end
            if changed == 1 then
              redis.call('HSET', key, 'n', n, 'cur', ARGV[3])
              redis.call('HINCRBY', key, 'ver', 1)
            end
            redis.call('PEXPIRE', key, ARGV[1])
            return reply(changed)""");

    /** ARGV: ttl ms, created, currency, version, sequence, then per line: variant, units, price seen, position. */
    private static final Script RESTORE = Script.of("""
            local key = KEYS[1]
            if redis.call('EXISTS', key) == 1 then return {'0'} end
            redis.call('HSET', key, 'created', ARGV[2], 'cur', ARGV[3], 'ver', ARGV[4], 'seq', ARGV[5],
              'n', (#ARGV - 5) / 4)
            for i = 6, #ARGV, 4 do
              local v = ARGV[i]
              redis.call('HSET', key, 'q:' .. v, ARGV[i + 1], 'p:' .. v, ARGV[i + 2], 'o:' .. v, ARGV[i + 3])
            end
            redis.call('PEXPIRE', key, ARGV[1])
            return {'1'}""");

    /**
     * KEYS: dirty, claimed; ARGV: now ms, lease ms, batch. Claims return to the dirty set when their lease
     * ran out (an instance died while writing); then the oldest dirty carts are claimed at {@code now}.
     */
    private static final Script CLAIM = Script.of("""
            local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]),
              'LIMIT', 0, tonumber(ARGV[3]))
            for _, m in ipairs(stale) do
              redis.call('ZREM', KEYS[2], m)
              redis.call('ZADD', KEYS[1], 'NX', 0, m)
            end
            local due = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
            for _, m in ipairs(due) do
              redis.call('ZREM', KEYS[1], m)
              redis.call('ZADD', KEYS[2], ARGV[1], m)
            end
            return due""");

    /** KEYS: dirty; ARGV: now ms, user id. Keeps the time of the first change not yet written. */
    private static final Script MARK = Script.of("""
            redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
            return {'1'}""");

    /** KEYS: claimed; ARGV: member, claim score. Drops the claim unless another instance has claimed since. */
    private static final Script RELEASE = Script.of("""
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if score and tonumber(score) == tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
            return {'1'}""");

    static final String DIRTY = "surge:cart:{flush}:dirty";
    static final String CLAIMED = "surge:cart:{flush}:claimed";

    private final ReactiveStringRedisTemplate redis;

    CartStore(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The outcome of a change: {@link #CHANGED} etc., and the cart afterwards (null when missing). */
    public record Outcome(int status, StoredCart cart) {
    }

    /** The cart id of a guest token: its SHA-256, so the token itself is never stored. */
    public static String guestCartId(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return "g:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String userCartId(UUID userId) {
        return "u:" + userId;
    }

    static String key(String cartId) {
        return "surge:cart:{" + cartId + "}";
    }

    /** The cart, its life extended by {@code ttl}; empty when there is no such cart. */
    public Mono<StoredCart> read(String cartId, Duration ttl) {
        return run(TOUCH, cartId, List.of(millis(ttl))).mapNotNull(Outcome::cart);
    }

    /** The cart as it is, without extending its life (for the flusher); empty when there is none. */
    public Mono<StoredCart> peek(String cartId) {
        return redis.<String, String>opsForHash().entries(key(cartId))
                .flatMapIterable(entry -> List.of(entry.getKey(), entry.getValue()))
                .collectList()
                .filter(pairs -> !pairs.isEmpty())
                .map(pairs -> StoredCart.parse(pairs, 0));
    }

    public Mono<Outcome> add(String cartId, boolean create, Duration ttl, UUID variant, int units, long priceMinor,
            String currency, int available, int maxUnits, int maxLines, Instant now) {
        return run(ADD, cartId, List.of(create ? "1" : "0", millis(ttl), variant.toString(), Integer.toString(units),
                Long.toString(priceMinor), currency, Integer.toString(available), Integer.toString(maxUnits),
                Integer.toString(maxLines), Long.toString(now.toEpochMilli())));
    }

    public Mono<Outcome> set(String cartId, Duration ttl, UUID variant, int units, long priceMinor, int available,
            int maxUnits) {
        return run(SET, cartId, List.of(millis(ttl), variant.toString(), Integer.toString(units),
                Long.toString(priceMinor), Integer.toString(available), Integer.toString(maxUnits)));
    }

    public Mono<Outcome> remove(String cartId, Duration ttl, UUID variant) {
        return run(REMOVE, cartId, List.of(millis(ttl), variant.toString()));
    }

    public Mono<Outcome> clear(String cartId, Duration ttl) {
        return run(CLEAR, cartId, List.of(millis(ttl)));
    }

    /** Reads and deletes the cart at once; empty when there was none (or another call took it first). */
    public Mono<StoredCart> take(String cartId) {
        return run(TAKE, cartId, List.of()).mapNotNull(Outcome::cart);
    }

    /** A guest line to merge, with the most units the merged line may hold. */
    public record MergeLine(UUID variantId, int units, long priceSeenMinor, int cap) {
    }

    public Mono<Outcome> merge(String cartId, Duration ttl, int maxLines, String currency, List<MergeLine> lines) {
        List<String> args = new ArrayList<>(3 + lines.size() * 4);
        args.add(millis(ttl));
        args.add(Integer.toString(maxLines));
        args.add(currency);
        for (MergeLine line : lines) {
            args.add(line.variantId().toString());
            args.add(Integer.toString(line.units()));
            args.add(Long.toString(line.priceSeenMinor()));
            args.add(Integer.toString(line.cap()));
        }
        return run(MERGE, cartId, args);
    }

    /** Puts a cart back unless one exists under its id; true when this call wrote it. */
    public Mono<Boolean> restore(String cartId, Duration ttl, StoredCart cart) {
        List<String> args = new ArrayList<>(5 + cart.lines().size() * 4);
        args.add(millis(ttl));
        args.add(Long.toString(cart.created().toEpochMilli()));
        args.add(cart.currency() == null ? "" : cart.currency());
        args.add(Long.toString(cart.version()));
        args.add(Long.toString(cart.sequence()));
        for (StoredCart.Line line : cart.lines()) {
            args.add(line.variantId().toString());
            args.add(Integer.toString(line.quantity()));
            args.add(Long.toString(line.priceSeenMinor()));
            args.add(Long.toString(line.position()));
        }
        return strings(RESTORE, List.of(key(cartId)), args).map(reply -> "1".equals(reply.get(0)));
    }

    /** Lists a signed-in cart for writing to PostgreSQL (keeps the time of its first unwritten change). */
    public Mono<Void> markDirty(UUID userId, Instant now) {
        return strings(MARK, List.of(DIRTY), List.of(Long.toString(now.toEpochMilli()), userId.toString())).then();
    }

    /** Claims up to {@code batch} changed carts for this instance, at {@code now}. */
    public Flux<UUID> claimDirty(Instant now, Duration lease, int batch) {
        return strings(CLAIM, List.of(DIRTY, CLAIMED),
                List.of(Long.toString(now.toEpochMilli()), millis(lease), Integer.toString(batch)))
                .flatMapIterable(ids -> ids).map(UUID::fromString);
    }

    /** The cart claimed at {@code claimedAt} is written; another instance's later claim is kept. */
    public Mono<Void> flushed(UUID userId, Instant claimedAt) {
        return strings(RELEASE, List.of(CLAIMED), List.of(userId.toString(), Long.toString(claimedAt.toEpochMilli())))
                .then();
    }

    private Mono<Outcome> run(Script script, String cartId, List<String> args) {
        return strings(script, List.of(key(cartId)), args).map(reply -> {
            int status = Integer.parseInt(reply.get(0));
            return new Outcome(status, reply.size() > 1 ? StoredCart.parse(reply, 1) : null);
        });
    }

    @SuppressWarnings("unchecked")
    private Mono<List<String>> strings(Script script, List<String> keys, List<String> args) {
        return redis.execute(script, keys, args).collectList().map(raw -> {
            List<Object> results = (List<Object>) (List<?>) raw;
            // A multi-bulk reply may come as one list or as its elements, depending on the driver's version.
            if (results.size() == 1 && results.get(0) instanceof List<?> nested) {
                return (List<String>) nested;
            }
            return (List<String>) (List<?>) results;
        });
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    /**
     * A script with its SHA-1 computed once: Spring's {@code DefaultRedisScript} locks on every
     * {@code getSha1()}, which concurrent requests turn into event-loop threads parking.
     */
    @SuppressWarnings("rawtypes")
    private record Script(String text, String sha1) implements RedisScript<List> {

        static Script of(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getSha1() {
            return sha1;
        }

        @Override
        public Class<List> getResultType() {
            return List.class;
        }

        @Override
        public String getScriptAsString() {
            return text;
        }
    }
}
