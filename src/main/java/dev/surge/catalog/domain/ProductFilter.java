package dev.surge.catalog.domain;

/**
 * What a shopper asked for. {@code category} and {@code merchant} are an id or a slug; prices are in
 * minor units of {@code currency}; {@code query} switches on full-text search.
 */
public record ProductFilter(String category, String merchant, Long minPrice, Long maxPrice, String currency,
        Boolean inStock, String query, ProductSort sort, int limit, String cursor) {
}
