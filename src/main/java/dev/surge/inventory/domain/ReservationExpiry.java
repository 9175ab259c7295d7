package dev.surge.inventory.domain;

import dev.surge.inventory.config.InventoryProperties;
import dev.surge.inventory.data.ReservationQueries;
import dev.surge.platform.events.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Every instance, every {@code expiry-interval}: expires reservations past their time (their units return
 * exactly once: whoever loses the status guard does nothing) and closes ended flash sales.
 */
@Component
class ReservationExpiry extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

    private final ReservationQueries reservations;
    private final StockRelease release;
    private final FlashSaleClosing sales;
    private final InventoryProperties properties;
    private final InventoryMetrics metrics;

    ReservationExpiry(ReservationQueries reservations, StockRelease release, FlashSaleClosing sales,
            InventoryProperties properties, InventoryMetrics metrics) {
        this.reservations = reservations;
        this.release = release;
        this.sales = sales;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    protected Disposable begin() {
        return every(properties.expiryInterval(), properties.expiryInterval(), this::round, log, "Reservation expiry");
    }

    Mono<Long> round() {
        Instant now = Instant.now();
        // One reservation that cannot be expired (logged) must not hold up the others or the closing of sales.
        return reservations.due(now, properties.expiryBatch())
                .flatMap(id -> release.expire(id, now).doOnNext(expired -> {
                    if (expired) {
                        metrics.expired();
                    }
                }).onErrorResume(e -> {
                    log.warn("Could not expire reservation {}; next round retries: {}", id, e.toString());
                    return Mono.just(false);
                }), 4)
                .filter(Boolean::booleanValue)
                .count()
                .onErrorResume(e -> {
                    log.warn("Reservation expiry round failed: {}", e.toString());
                    return Mono.just(0L);
                })
                .flatMap(expired -> sales.closeEnded(now).onErrorResume(e -> Mono.just(0)).thenReturn(expired))
                .doOnNext(expired -> {
                    if (expired > 0) {
                        log.info("Expired {} reservation(s)", expired);
                    }
                })
                .timeout(Duration.ofMinutes(1));
    }
}
