package dev.surge.catalog.domain;

import java.util.List;

/**
 * What a shopper asked for. {@code category} and {@code merchant} are an id or a slug; prices are in
 * minor units of {@code currency}; {@code query} switches on full-text search; {@code attributes} are
 * sorted by key with sorted values, so equal filters give equal cursor scopes; {@code facets} asks for
 * facet counts (first page only); {@code minRating} (1-5, or null) keeps products whose average rating of
 * published reviews is at least that.
 */
public record ProductFilter(String category, String merchant, Long minPrice, Long maxPrice, String currency,
        Boolean inStock, List<AttributeFilter> attributes, String query, ProductSort sort, int limit, String cursor,
        boolean facets, Integer minRating) {

    public ProductFilter {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }
}
