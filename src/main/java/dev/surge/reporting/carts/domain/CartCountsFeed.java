package dev.surge.reporting.carts.domain;

import dev.surge.cart.CartActivity;
import dev.surge.platform.events.BackgroundWork;
import dev.surge.reporting.carts.config.CartReportProperties;
import dev.surge.reporting.carts.data.CartReportQueries;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Copies this instance's cart counts ({@link CartActivity}) to {@code report_cart_counts}, every
 * {@code surge.reporting.carts.counts-interval}, on every instance, under an id of this process: one statement a
 * round, only for the days whose counts moved, none when nothing did. The values written are the running totals,
 * kept when greater, so a retried or repeated write changes nothing. It stops after the web server (its phase), and
 * writes once more then, so a graceful shutdown loses nothing.
 */
@Component
public class CartCountsFeed extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(CartCountsFeed.class);
    private static final Duration LAST_WRITE = Duration.ofSeconds(5);

    private final CartActivity activity;
    private final CartReportQueries queries;
    private final CartReportProperties properties;
    private final UUID instance = UUID.randomUUID();
    private final Map<LocalDate, CartActivity.Counts> written = new ConcurrentHashMap<>();

    CartCountsFeed(CartActivity activity, CartReportQueries queries, CartReportProperties properties) {
        this.activity = activity;
        this.queries = queries;
        this.properties = properties;
    }

    @Override
    protected Disposable begin() {
        return every(properties.countsInterval(), properties.countsInterval(), this::write, log, "Cart counts");
    }

    /** Writes the days whose counts moved since the last write; emits the rows written. */
    public Mono<Long> write() {
        return Mono.defer(() -> {
            Map<LocalDate, CartActivity.Counts> now = activity.counts();
            Map<LocalDate, long[]> moved = new LinkedHashMap<>();
            now.forEach((day, counts) -> {
                if (!Objects.equals(written.get(day), counts)) {
                    moved.put(day, new long[] {counts.started(), counts.withItems()});
                }
            });
            return queries.writeCounts(instance, moved).doOnNext(rows -> {
                written.keySet().retainAll(now.keySet());
                moved.forEach((day, counts) -> written.put(day, new CartActivity.Counts(counts[0], counts[1])));
            });
        });
    }

    /** After the web server has stopped taking requests (its graceful phase and its stop are higher). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }

    @Override
    public void stop(Runnable callback) {
        stop();
        write().timeout(LAST_WRITE)
                .doOnError(e -> log.warn("Cart counts not written at shutdown: {}", e.toString()))
                .onErrorResume(e -> Mono.empty())
                .doFinally(signal -> callback.run())
                .subscribe();
    }
}
