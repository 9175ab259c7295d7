package dev.surge.platform.web;

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
}
