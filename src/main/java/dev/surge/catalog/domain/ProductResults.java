package dev.surge.catalog.domain;

import java.util.List;

/** One page of a product list or search, with its facet counts when they were asked for (else null). */
public record ProductResults(List<ProductSummary> items, String nextCursor, SearchFacets facets) {
}
