package dev.surge.catalog.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Catalog settings.
 *
 * @param detailCacheTtl  how long a product page stays in Redis; events drop it sooner when it changes
 * @param httpMaxAge      {@code Cache-Control: max-age} on public catalog reads
 * @param defaultCurrency currency of price filters when the request names none
 */
@ConfigurationProperties("surge.catalog")
public record CatalogProperties(
        @DefaultValue("10m") Duration detailCacheTtl,
        @DefaultValue("30s") Duration httpMaxAge,
        @DefaultValue("USD") String defaultCurrency) {
}
