package dev.surge.catalog.web;

import static dev.surge.platform.web.ApiDocs.notModified;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;

import dev.surge.catalog.domain.ProductDetail;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each public catalog route ({@link CatalogRouter}). */
final class CatalogApiDocs {

    private static final String TAG = "Catalog";

    private CatalogApiDocs() {
    }

    static void featured(Builder ops) {
        ops.operationId("listFeaturedProducts").tag(TAG)
                .summary("Featured products, newest first")
                .parameter(query("limit", Integer.class, "1-48, default 12"))
                .response(ok(CatalogResponses.ProductListResponse.class, "Featured products"))
                .response(notModified())
                .response(problem(400, "Invalid query parameters"));
    }

    static void product(Builder ops) {
        ops.operationId("getProduct").tag(TAG)
                .summary("A product with its variants and images")
                .parameter(path("idOrSlug", "Product id (UUID) or slug"))
                .response(ok(ProductDetail.class, "The product; ETag set"))
                .response(notModified())
                .response(problem(404, "No such product (code product_not_found)"));
    }

    static void list(Builder ops) {
        productList(ops.operationId("listProducts")
                .summary("Browse products with filters, sort and cursor pagination")
                .parameter(query("q", String.class, "Optional search text; enables sort=relevance")));
    }

    static void search(Builder ops) {
        productList(ops.operationId("searchProducts")
                .summary("Full-text product search with prefix matching and typo tolerance")
                .parameter(query("q", String.class, "Search text, 1-200 characters (required)")));
    }

    static void categories(Builder ops) {
        ops.operationId("listCategories").tag(TAG)
                .summary("The category tree")
                .response(ok(CatalogResponses.CategoryTreeResponse.class, "Root categories with children"))
                .response(notModified());
    }

    private static void productList(Builder ops) {
        ops.tag(TAG)
                .parameter(query("category", String.class, "Category id or slug; includes its sub-categories"))
                .parameter(query("merchant", String.class, "Merchant id or slug"))
                .parameter(query("minPrice", Long.class, "Lowest price, in minor units"))
                .parameter(query("minRating", Integer.class, "1-5: only products whose average published rating is at least this"))
                .parameter(query("maxPrice", Long.class, "Highest price, in minor units"))
                .parameter(query("currency", String.class, "ISO 4217 code; default store currency with a price filter"))
                .parameter(query("inStock", Boolean.class, "true: only products with stock; false: only without "
                        + "(with attribute filters: stock of a variant matching them)"))
                .parameter(query("attr.<key>", String.class, "Attribute filter, one parameter per key, e.g. attr.color=Black"
                        + "&attr.size=M,L: a variant must have one of the comma-separated values (exact) for every key "
                        + "given; up to 5 keys, 10 values each"))
                .parameter(query("facets", Boolean.class, "true: add facet counts (categories, price buckets, attribute "
                        + "values) of the whole result; first page only"))
                .parameter(query("sort", String.class, "newest (default), price_asc, price_desc, rating (best average first), relevance (default with q)"))
                .parameter(query("limit", Integer.class, "Page size 1-100, default 20"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page, unchanged"))
                .response(ok(CatalogResponses.ProductPageResponse.class, "One page of products"))
                .response(notModified())
                .response(problem(400, "Invalid parameters or cursor (validation_failed, invalid_cursor)"))
                .response(problem(404, "Unknown category or merchant"));
    }
}
