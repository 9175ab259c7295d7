package dev.surge.catalog.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static dev.surge.platform.web.ApiDocs.status;
import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;
import static org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;
import static org.springdoc.core.fn.builders.schema.Builder.schemaBuilder;

import dev.surge.catalog.domain.CategoryForm;
import dev.surge.catalog.domain.CategoryNode;
import dev.surge.catalog.domain.ManagedProduct;
import dev.surge.catalog.domain.ProductForm;
import dev.surge.catalog.domain.ProductImportService.ImportSummary;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each catalog management route ({@link CatalogManagementRouter}). */
final class CatalogManagementApiDocs {

    private static final String TAG = "Catalog management";

    private CatalogManagementApiDocs() {
    }

    static void exportCsv(Builder ops) {
        merchant(ops.operationId("exportProductsCsv"))
                .summary("The merchant's catalog as CSV (text/csv), one row per variant; imports back as is")
                .response(responseBuilder().responseCode("200")
                        .description("CSV with the import's columns")
                        .content(contentBuilder().mediaType("text/csv").schema(schemaBuilder().implementation(String.class))));
    }

    static void importCsv(Builder ops) {
        merchant(ops.operationId("importProductsCsv"))
                .summary("Create or update products from CSV (streamed, up to surge.catalog.import-max-size); "
                        + "each row lands whole or is reported with its line")
                .requestBody(requestBodyBuilder().required(true)
                        .content(contentBuilder().mediaType("text/csv").schema(schemaBuilder().implementation(String.class))))
                .response(ok(ImportSummary.class, "Counts and the errors of refused rows, by line"))
                .response(problem(400, "Bad header or unreadable CSV: nothing imported (validation_failed)"))
                .response(problem(413, "Larger than the import limit (payload_too_large)"))
                .response(problem(415, "Not text/csv (unsupported_media_type)"));
    }

    static void list(Builder ops) {
        merchant(ops.operationId("listManagedProducts"))
                .summary("The merchant's products of every status, newest first")
                .parameter(query("status", String.class, "DRAFT, ACTIVE or ARCHIVED"))
                .parameter(query("limit", Integer.class, "1-100, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(ok(CatalogManagementHandler.ManagedProductPage.class, "One page"));
    }

    static void create(Builder ops) {
        merchant(ops.operationId("createProduct"))
                .summary("Create a product with its variants (initial stock allowed); slug from the title unless given")
                .requestBody(jsonBody(ProductForm.class,
                        "{\"title\": \"Brass desk lamp\", \"categoryId\": \"0190f3c4-7a1e-7c3b-9d2a-4b5e6f708192\", "
                        + "\"variants\": [{\"sku\": \"LAMP-BRASS\", \"title\": \"Brass\", "
                        + "\"price\": {\"amountMinor\": 4500, \"currency\": \"USD\"}, \"weightGrams\": 1200, "
                        + "\"attributes\": {\"finish\": \"brass\"}, \"stock\": 10}]}"))
                .response(created(ManagedProduct.class, "The product; ETag is its version, Location its URL"))
                .response(problem(400, "Invalid fields (validation_failed with errors[])"))
                .response(problem(409, "SKU or slug already used (sku_taken, slug_taken)"));
    }

    static void get(Builder ops) {
        product(ops.operationId("getManagedProduct"))
                .summary("A product in any status with stock counts; ETag is its version")
                .response(ok(ManagedProduct.class, "The product"));
    }

    static void replace(Builder ops) {
        write(product(ops.operationId("replaceProduct")))
                .summary("Replace every field; list every existing variant (matched by id, else SKU), new ones are added")
                .requestBody(jsonBody(ProductForm.class));
    }

    static void patch(Builder ops) {
        write(product(ops.operationId("patchProduct")))
                .summary("JSON merge patch (RFC 7396) of product fields; variants have their own routes")
                .requestBody(jsonBody(ProductForm.class));
    }

    static void delete(Builder ops) {
        write(product(ops.operationId("deleteProduct")))
                .summary("Delete the product with its variants and images")
                .response(status(204, "Deleted"));
    }

    static void archive(Builder ops) {
        write(product(ops.operationId("archiveProduct")))
                .summary("Take the product off the storefront (status ARCHIVED)");
    }

    static void restore(Builder ops) {
        write(product(ops.operationId("restoreProduct")))
                .summary("Put an archived (or draft) product back on the storefront (status ACTIVE)");
    }

    static void addVariant(Builder ops) {
        write(product(ops.operationId("addVariant")))
                .summary("Add a variant in the product's currency (initial stock allowed)")
                .requestBody(jsonBody(ProductForm.VariantForm.class))
                .response(created(ManagedProduct.class, "The product with the new variant"));
    }

    static void patchVariant(Builder ops) {
        write(product(ops.operationId("patchVariant")))
                .summary("JSON merge patch of one variant, updated in place; stock is not writable")
                .parameter(path("variantId", "Variant id"))
                .requestBody(jsonBody(ProductForm.VariantForm.class));
    }

    static void deleteVariant(Builder ops) {
        write(product(ops.operationId("deleteVariant")))
                .summary("Delete one variant (not the last)")
                .parameter(path("variantId", "Variant id"));
    }

    static void createCategory(Builder ops) {
        ops.operationId("createCategory").tag(TAG)
                .summary("Create a category (admins); slug from the name unless given")
                .requestBody(jsonBody(CategoryForm.class))
                .response(created(CategoryNode.class, "The category"))
                .response(problem(400, "Invalid fields or unknown parent"))
                .response(problem(403, "Not an admin"))
                .response(problem(409, "Slug taken (slug_taken)"));
    }

    static void updateCategory(Builder ops) {
        ops.operationId("updateCategory")
                .tag(TAG).summary("Rename, re-slug, move (parentId; null: to the root) or reorder (admins); merge patch")
                .parameter(path("categoryId", "Category id"))
                .requestBody(jsonBody(CategoryForm.class))
                .response(ok(CategoryNode.class, "The category"))
                .response(problem(404, "No such category (category_not_found)"))
                .response(problem(409, "Move under itself or a descendant (category_cycle), slug taken"));
    }

    static void deleteCategory(Builder ops) {
        ops.operationId("deleteCategory")
                .tag(TAG).summary("Delete an empty category (admins)")
                .parameter(path("categoryId", "Category id"))
                .response(status(204, "Deleted"))
                .response(problem(404, "No such category"))
                .response(problem(409, "Has sub-categories or products (category_not_empty)"));
    }

    private static Builder merchant(Builder ops) {
        return ops.tag(TAG)
                .parameter(path("merchantId", "Merchant id: a seller's own, or any for admins"))
                .response(problem(401, "No valid token"))
                .response(problem(403, "Not a seller or admin (forbidden)"))
                .response(problem(404, "Unknown merchant, or another merchant's (merchant_not_found)"));
    }

    private static Builder product(Builder ops) {
        return merchant(ops).parameter(path("productId", "Product id"))
                .response(problem(404, "No such product of this merchant (product_not_found)"));
    }

    private static Builder write(Builder ops) {
        return ops.parameter(parameterBuilder().name("If-Match").in(ParameterIn.HEADER).required(true)
                        .description("The product's ETag, e.g. \"7\" (or * to skip the check)"))
                .response(ok(ManagedProduct.class, "The product as saved; ETag is its new version"))
                .response(problem(400, "Invalid fields (validation_failed)"))
                .response(problem(409, "SKU or slug used elsewhere, last variant (sku_taken, slug_taken, last_variant)"))
                .response(problem(412, "The product changed since that ETag (precondition_failed)"))
                .response(problem(428, "No If-Match (precondition_required)"));
    }
}
