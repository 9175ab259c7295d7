package dev.surge.catalog.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.surge.catalog.domain.CategoryNode;
import dev.surge.catalog.domain.ProductResults;
import dev.surge.catalog.domain.ProductSummary;
import dev.surge.catalog.domain.SearchFacets;
import java.util.List;

/** Response envelopes of the catalog endpoints. Lists are always wrapped, so fields can be added later. */
final class CatalogResponses {

    private CatalogResponses() {
    }

    /**
     * One page of products; pass {@code nextCursor} back as {@code ?cursor=} for the next one (null: last
     * page). {@code facets} only on a first page asked for with {@code facets=true}, absent otherwise.
     */
    record ProductPageResponse(List<ProductSummary> items, String nextCursor,
            @JsonInclude(JsonInclude.Include.NON_NULL) SearchFacets facets) {

        static ProductPageResponse from(ProductResults results) {
            return new ProductPageResponse(results.items(), results.nextCursor(), results.facets());
        }
    }

    record ProductListResponse(List<ProductSummary> items) {
    }

    record CategoryTreeResponse(List<CategoryNode> items) {
    }
}
