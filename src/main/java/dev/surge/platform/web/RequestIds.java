package dev.surge.platform.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.ContextView;

/** Where a request's id lives: the header, the exchange attribute and the Reactor context key. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Reactor context key and MDC key. */
    public static final String CONTEXT_KEY = "requestId";
    static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    /** What we accept from callers; anything else is replaced, so ids are safe to log and echo. */
    static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : "";
    }

    public static String of(ContextView context) {
        return context.getOrDefault(CONTEXT_KEY, "");
    }

    /**
     * A new request id: a UUIDv7 (milliseconds first, so ids sort by time) whose 74 random bits come from
     * {@link ThreadLocalRandom}. It correlates log lines and answers; it is never a secret and never a
     * key, so it needs no cryptographic randomness (entity ids do: {@code Ids.newId}, a shared DRBG
     * behind a lock, cost 3 % of a request's CPU here).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
