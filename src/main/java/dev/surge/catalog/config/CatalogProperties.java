package dev.surge.catalog.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Catalog settings.
 *
 * @param detailCacheTtl    how long a product page stays in Redis; events drop it sooner when it changes
 * @param httpMaxAge        {@code Cache-Control: max-age} on public catalog reads
 * @param defaultCurrency   currency of price filters when the request names none
 * @param listingCacheTtl   how long a first page of a public list (and the category tree) stays in Redis;
 *                          every catalog change makes it unreachable at once, this only bounds memory
 * @param importMaxSize     largest CSV a seller may import in one request (other bodies keep
 *                          {@code surge.web.max-body-size})
 * @param importConcurrency rows of a CSV import written at the same time (each in its own transaction)
 */
@ConfigurationProperties("surge.catalog")
public record CatalogProperties(
        @DefaultValue("10m") Duration detailCacheTtl,
        @DefaultValue("30s") Duration httpMaxAge,
        @DefaultValue("USD") String defaultCurrency,
        @DefaultValue("60s") Duration listingCacheTtl,
        @DefaultValue("20MB") DataSize importMaxSize,
        @DefaultValue("8") int importConcurrency) {
}
