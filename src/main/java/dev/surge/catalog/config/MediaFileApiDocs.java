package dev.surge.catalog.config;

import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.status;

import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of the local storage's file route ({@link ProductMediaConfig}). */
final class MediaFileApiDocs {

    private MediaFileApiDocs() {
    }

    static void get(Builder ops) {
        ops.operationId("getMediaFile").tag("Catalog")
                .summary("A stored product image or thumbnail (local storage); cacheable for a year")
                .parameter(path("key", "Storage key, as in the image URLs of a product"))
                .response(status(200, "The image, Cache-Control: public, max-age=31536000, immutable"))
                .response(problem(404, "No such file"));
    }
}
