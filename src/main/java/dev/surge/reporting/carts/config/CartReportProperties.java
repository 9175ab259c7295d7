package dev.surge.reporting.carts.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Carts report settings.
 *
 * @param abandonedAfter how long a signed-in cart with items must go unchanged, with no order placed by its
 *                       customer since, to count as abandoned
 * @param countsInterval how often each instance copies its cart counts (carts started, with items) to PostgreSQL:
 *                       the most a report lags, and what a crash of the instance can lose
 */
@ConfigurationProperties("surge.reporting.carts")
public record CartReportProperties(
        @DefaultValue("1h") Duration abandonedAfter,
        @DefaultValue("5s") Duration countsInterval) {
}
