package dev.surge.support;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * Evidence for the rare hung request, without logging (which changes the timing enough to hide it): which
 * exchanges the server has started and not finished, and the last ones it finished, each under Reactor
 * Netty's request id ({@code <connection>-<n-th request on it>}). {@link HangDumps} writes both.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ExchangeTracker {

    static final Map<String, String> OPEN = new ConcurrentHashMap<>();
    private static final Deque<String> FINISHED = new ArrayDeque<>();

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter exchangeTracker() {
        return (exchange, chain) -> {
            String id = exchange.getRequest().getId();
            String what = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath() + " @" + Instant.now();
            OPEN.put(id, what);
            return chain.filter(exchange).doFinally(signal -> {
                OPEN.remove(id);
                synchronized (FINISHED) {
                    FINISHED.addLast(id + " " + what + " -> " + signal + " " + exchange.getResponse().getStatusCode());
                    if (FINISHED.size() > 40) {
                        FINISHED.removeFirst();
                    }
                }
            });
        };
    }

    static String report() {
        StringBuilder out = new StringBuilder("Exchanges started, not finished:\n");
        OPEN.forEach((id, what) -> out.append("  ").append(id).append(' ').append(what).append('\n'));
        out.append("Last exchanges finished:\n");
        synchronized (FINISHED) {
            FINISHED.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return out.append('\n').toString();
    }
}
