package dev.surge.catalog.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.status;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;
import static org.springdoc.core.fn.builders.schema.Builder.schemaBuilder;

import dev.surge.catalog.domain.ProductImage;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each product image route ({@link ProductMediaRouter}). */
final class ProductMediaApiDocs {

    private static final String TAG = "Catalog media";

    private ProductMediaApiDocs() {
    }

    static void upload(Builder ops) {
        ops.operationId("uploadProductImage")
                .tag(TAG)
                .summary("Add an image (JPEG, PNG or WebP, told by its bytes) to a product's gallery")
                .parameter(path("productId", "Product id"))
                .requestBody(requestBodyBuilder().required(true).description(
                        "multipart/form-data: file (the image), alt (optional text, up to 500 characters), "
                                + "position (optional, 0-based; default last)")
                        .content(contentBuilder().mediaType("multipart/form-data")
                                .schema(schemaBuilder().type("object"))))
                .response(created(ProductImage.class, "The image; thumbnails follow shortly"))
                .response(problem(400, "Missing file, unreadable image, too many pixels, bad alt or position"))
                .response(problem(403, "Not a seller or admin"))
                .response(problem(404, "No such product, or another merchant's"))
                .response(problem(409, "The product has the most images allowed (too_many_images)"))
                .response(problem(413, "The file is over the upload limit"))
                .response(problem(415, "Not a JPEG, PNG or WebP image, or not multipart/form-data"));
    }

    static void update(Builder ops) {
        image(ops.operationId("updateProductImage").tag(TAG)
                .summary("Change an image's alt text and/or its position in the gallery"))
                .requestBody(jsonBody(ProductMediaHandler.UpdateImageRequest.class))
                .response(ok(ProductImage.class, "The image"))
                .response(problem(400, "Invalid alt or position"));
        refusals(ops);
    }

    static void delete(Builder ops) {
        image(ops.operationId("deleteProductImage").tag(TAG)
                .summary("Remove an image and its stored files"))
                .response(status(204, "Removed"));
        refusals(ops);
    }

    /** The routes of one image: its product and its own id. */
    private static Builder image(Builder ops) {
        return ops.parameter(path("productId", "Product id"))
                .parameter(path("imageId", "Image id"));
    }

    private static void refusals(Builder ops) {
        ops.response(problem(403, "Not a seller or admin"))
                .response(problem(404, "No such product or image, or another merchant's"));
    }
}
