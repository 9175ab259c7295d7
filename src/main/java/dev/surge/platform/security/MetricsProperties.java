package dev.surge.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read {@code /actuator/prometheus} ({@link MetricsSecurity}).
 *
 * @param scrapeToken the secret a scraper sends ({@code Authorization: Bearer <token>}, or HTTP Basic with the
 *                    token as password, any user name) to read the metrics on the API port
 *                    ({@code SURGE_METRICS_SCRAPE_TOKEN}); blank: nobody reads them there. On a separate
 *                    management port ({@code SURGE_MANAGEMENT_PORT}), which is kept off the internet, they are open.
 */
@ConfigurationProperties("surge.metrics")
public record MetricsProperties(@DefaultValue("") String scrapeToken) {
}
