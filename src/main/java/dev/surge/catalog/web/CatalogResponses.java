package dev.surge.catalog.web;

import dev.surge.catalog.domain.CategoryNode;
import dev.surge.catalog.domain.ProductSummary;
import java.util.List;

/** Response envelopes of the catalog endpoints. Lists are always wrapped, so fields can be added later. */
final class CatalogResponses {

    private CatalogResponses() {
    }

    /** One page of products; pass {@code nextCursor} back as {@code ?cursor=} for the next one (null: last page). */
    record ProductPageResponse(List<ProductSummary> items, String nextCursor) {
    }

    record ProductListResponse(List<ProductSummary> items) {
    }

    record CategoryTreeResponse(List<CategoryNode> items) {
    }
}
