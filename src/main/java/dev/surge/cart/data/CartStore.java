package dev.surge.cart.data;

import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.persistence.LuaScript;
import dev.surge.platform.persistence.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
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
@SuppressWarnings("rawtypes") // the scripts answer lists of strings, which RedisScript types as List
public class CartStore {

    private static final LuaScript<List> ADD = cartScript("add");
    private static final LuaScript<List> SET = cartScript("set");
    private static final LuaScript<List> REMOVE = cartScript("remove");
    private static final LuaScript<List> CLEAR = cartScript("clear");
    private static final LuaScript<List> COUPON = cartScript("coupon");
    private static final LuaScript<List> TOUCH = cartScript("touch");
    private static final LuaScript<List> TAKE = cartScript("take");
    private static final LuaScript<List> MERGE = cartScript("merge");
    private static final LuaScript<List> RESTORE = script("restore");
    private static final LuaScript<List> CLAIM = script("claim-dirty");
    private static final LuaScript<List> MARK = script("mark-dirty");
    private static final LuaScript<List> RELEASE = script("release-claim");

    static final String DIRTY = "surge:cart:{flush}:dirty";
    static final String CLAIMED = "surge:cart:{flush}:claimed";

    private final ReactiveStringRedisTemplate redis;

    CartStore(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * The outcome of a change, and the cart afterwards (null when missing); {@code counted}: what the change counted
     * for the carts report (see {@code add.lua}), {@link Counted#NOTHING} for every other change.
     */
    public record Outcome(CartOutcome status, StoredCart cart, Counted counted) {

        public Outcome(CartOutcome status, StoredCart cart) {
            this(status, cart, Counted.NOTHING);
        }
    }

    /** What an added line counted: nothing, a cart's first line ({@code I}), or a cart started with it ({@code SI}). */
    public enum Counted {
        NOTHING, FIRST_LINE, STARTED_WITH_FIRST_LINE;

        static Counted of(String reply) {
            return switch (reply) {
                case "SI" -> STARTED_WITH_FIRST_LINE;
                case "I" -> FIRST_LINE;
                default -> NOTHING;
            };
        }
    }

    /** The pseudo-field a script answers after the cart's fields when it counted something. */
    private static final String COUNTED = "!counted";

    /**
     * A line to add or set: the variant, the units, its price now (minor units, and its currency when
     * adding) and the units inventory has available.
     */
    public record LineChange(UUID variantId, int units, long priceMinor, String currency, int available) {

        public static LineChange add(UUID variantId, int units, Money price, int available) {
            return new LineChange(variantId, units, price.amountMinor(), price.currency(), available);
        }

        public static LineChange set(UUID variantId, int units, long priceMinor, int available) {
            return new LineChange(variantId, units, priceMinor, null, available);
        }
    }

    /** The caps of a cart: most units of one variant, most lines. */
    public record Caps(int maxUnits, int maxLines) {
    }

    /** The cart id of a guest token: its SHA-256, so the token itself is never stored. */
    public static String guestCartId(String token) {
        // Tokens are URL-safe Base64 (ASCII), so their UTF-8 bytes are their ASCII bytes.
        return "g:" + Sha256.hex(token);
    }

    public static String userCartId(UUID userId) {
        return "u:" + userId;
    }

    static String key(String cartId) {
        return "surge:cart:{" + cartId + "}";
    }

    /** The cart, its life extended by {@code ttl}; empty when there is no such cart. */
    public Mono<StoredCart> read(String cartId, Duration ttl) {
        return run(TOUCH, cartId, List.of(millis(ttl))).filter(outcome -> outcome.cart() != null).map(Outcome::cart);
    }

    /** The cart as it is, without extending its life (for the flusher); empty when there is none. */
    public Mono<StoredCart> peek(String cartId) {
        return redis.<String, String>opsForHash().entries(key(cartId))
                .flatMapIterable(entry -> List.of(entry.getKey(), entry.getValue()))
                .collectList()
                .filter(pairs -> !pairs.isEmpty())
                .map(pairs -> StoredCart.parse(pairs, 0));
    }

    /** Adds units to a line (or starts it); {@code create} starts the cart when there is none. */
    public Mono<Outcome> add(String cartId, boolean create, Duration ttl, LineChange line, Caps caps, Instant now) {
        return run(ADD, cartId, List.of(create ? "1" : "0", millis(ttl), line.variantId().toString(),
                Integer.toString(line.units()), Long.toString(line.priceMinor()), line.currency(),
                Integer.toString(line.available()), Integer.toString(caps.maxUnits()), Integer.toString(caps.maxLines()),
                Long.toString(now.toEpochMilli())));
    }

    /** Sets a line's units (0 removes it). */
    public Mono<Outcome> set(String cartId, Duration ttl, LineChange line, Caps caps) {
        return run(SET, cartId, List.of(millis(ttl), line.variantId().toString(), Integer.toString(line.units()),
                Long.toString(line.priceMinor()), Integer.toString(line.available()), Integer.toString(caps.maxUnits())));
    }

    public Mono<Outcome> remove(String cartId, Duration ttl, UUID variant) {
        return run(REMOVE, cartId, List.of(millis(ttl), variant.toString()));
    }

    public Mono<Outcome> clear(String cartId, Duration ttl) {
        return run(CLEAR, cartId, List.of(millis(ttl)));
    }

    /** Sets the cart's coupon code ({@code ""} removes it); a missing cart stays missing. */
    public Mono<Outcome> coupon(String cartId, Duration ttl, String code) {
        return run(COUPON, cartId, List.of(millis(ttl), code));
    }

    /** Reads and deletes the cart at once; empty when there was none (or another call took it first). */
    public Mono<StoredCart> take(String cartId) {
        return run(TAKE, cartId, List.of()).filter(outcome -> outcome.cart() != null).map(Outcome::cart);
    }

    /** Takes the user out of the flusher's queues (an erased account's cart is not written behind again). */
    public Mono<Void> forgetDirty(UUID userId) {
        return redis.opsForZSet().remove(DIRTY, userId.toString())
                .then(redis.opsForZSet().remove(CLAIMED, userId.toString()))
                .then();
    }

    /** A guest line to merge, with the most units the merged line may hold. */
    public record MergeLine(UUID variantId, int units, long priceSeenMinor, int cap) {
    }

    /** Merges a guest's lines (and its coupon, when the user's cart has none) into the user's cart. */
    public Mono<Outcome> merge(String cartId, Duration ttl, int maxLines, StoredCart guest, List<MergeLine> lines) {
        List<String> args = new ArrayList<>(4 + lines.size() * 4);
        args.add(millis(ttl));
        args.add(Integer.toString(maxLines));
        args.add(guest.currency());
        args.add(guest.coupon() == null ? "" : guest.coupon());
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
        List<String> args = new ArrayList<>(6 + cart.lines().size() * 4);
        args.add(millis(ttl));
        args.add(Long.toString(cart.created().toEpochMilli()));
        args.add(cart.currency() == null ? "" : cart.currency());
        args.add(Long.toString(cart.version()));
        args.add(Long.toString(cart.sequence()));
        args.add(cart.coupon() == null ? "" : cart.coupon());
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

    private Mono<Outcome> run(LuaScript<List> script, String cartId, List<String> args) {
        return strings(script, List.of(key(cartId)), args).map(reply -> {
            CartOutcome status = CartOutcome.of(Long.parseLong(reply.get(0)));
            int size = reply.size();
            Counted counted = size >= 3 && COUNTED.equals(reply.get(size - 2)) ? Counted.of(reply.get(size - 1))
                    : Counted.NOTHING;
            return new Outcome(status, size > 1 ? StoredCart.parse(reply, 1) : null, counted);
        });
    }

    @SuppressWarnings("unchecked")
    private Mono<List<String>> strings(LuaScript<List> script, List<String> keys, List<String> args) {
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

    /** A script that answers its status and the cart afterwards (the shared {@code reply} function). */
    private static LuaScript<List> cartScript(String name) {
        return LuaScript.load(List.class, "redis/cart/reply.lua", "redis/cart/" + name + ".lua");
    }

    private static LuaScript<List> script(String name) {
        return LuaScript.load(List.class, "redis/cart/" + name + ".lua");
    }
}
