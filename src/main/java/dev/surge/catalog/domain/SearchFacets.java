package dev.surge.catalog.domain;

import java.util.List;
import java.util.UUID;

/**
 * Facet counts of one product search. Categories count the current results, each including its
 * descendants (a drill-down: under {@code category=x} they show x's sub-categories). Price buckets
 * ignore the request's own price range, and each attribute's values ignore that attribute's own filter
 * ("disjunctive" facets), so a shopper sees what choosing another bucket or value would give.
 */
public record SearchFacets(List<CategoryCount> categories, PriceFacet price, List<AttributeFacet> attributes) {

    public record CategoryCount(UUID id, String slug, String name, UUID parentId, long count) {
    }

    /** Buckets in {@code currency} only: prices of other currencies do not compare. */
    public record PriceFacet(String currency, List<PriceBucket> buckets) {
    }

    /** Prices from {@code min} (inclusive) to {@code max} (exclusive; null: no upper bound), in minor units. */
    public record PriceBucket(long min, Long max, long count) {
    }

    /** The most frequent values of one attribute key, most products first. */
    public record AttributeFacet(String key, List<ValueCount> values) {
    }

    public record ValueCount(String value, long count) {
    }
}
