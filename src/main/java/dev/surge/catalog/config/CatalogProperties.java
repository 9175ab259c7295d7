package dev.surge.catalog.config;

import java.time.Duration;
import java.util.List;
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
 * @param priceFacetBounds boundaries of the price facet's buckets, ascending, in minor units: {@code 1000, 2500}
 *                        gives 0-999, 1000-2499 and 2500 and up
 * @param facetValues     values listed per attribute key in attribute facets, most frequent first
 * @param facetCacheTtl   how long facet counts of one filter set are shared from Redis (0: not cached)
 */
@ConfigurationProperties("surge.catalog")
public record CatalogProperties(
        @DefaultValue("10m") Duration detailCacheTtl,
        @DefaultValue("30s") Duration httpMaxAge,
        @DefaultValue("USD") String defaultCurrency,
        @DefaultValue("60s") Duration listingCacheTtl,
        @DefaultValue("20MB") DataSize importMaxSize,
        @DefaultValue("8") int importConcurrency,
        @DefaultValue({"1000", "2500", "5000", "10000", "25000", "50000", "100000"}) List<Long> priceFacetBounds,
        @DefaultValue("10") int facetValues,
        @DefaultValue("30s") Duration facetCacheTtl) {

    public CatalogProperties {
        priceFacetBounds = List.copyOf(priceFacetBounds);
        for (int i = 1; i < priceFacetBounds.size(); i++) {
            if (priceFacetBounds.get(i) <= priceFacetBounds.get(i - 1)) {
                throw new IllegalArgumentException("surge.catalog.price-facet-bounds must be ascending");
            }
        }
        if (priceFacetBounds.isEmpty() || priceFacetBounds.get(0) <= 0) {
            throw new IllegalArgumentException("surge.catalog.price-facet-bounds must be positive, at least one");
        }
        if (facetValues < 1) {
            throw new IllegalArgumentException("surge.catalog.facet-values must be at least 1");
        }
    }
}
