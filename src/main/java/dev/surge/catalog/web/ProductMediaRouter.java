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
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Product images: sellers (their merchant's products) and admins upload, edit and delete them. */
@Configuration(proxyBeanMethods = false)
class ProductMediaRouter {

    private static final String TAG = "Catalog media";

    @Bean
    RouterFunction<ServerResponse> productMediaRoutes(ProductMediaHandler h) {
        return SpringdocRouteBuilder.route()
                .POST("/api/v1/products/{productId}/images", h::upload, ops -> ops.operationId("uploadProductImage")
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
                        .response(problem(415, "Not a JPEG, PNG or WebP image, or not multipart/form-data")))
                .PATCH("/api/v1/products/{productId}/images/{imageId}", h::update, ops -> ops
                        .operationId("updateProductImage").tag(TAG)
                        .summary("Change an image's alt text and/or its position in the gallery")
                        .parameter(path("productId", "Product id"))
                        .parameter(path("imageId", "Image id"))
                        .requestBody(jsonBody(ProductMediaHandler.UpdateImageRequest.class))
                        .response(ok(ProductImage.class, "The image"))
                        .response(problem(400, "Invalid alt or position"))
                        .response(problem(403, "Not a seller or admin"))
                        .response(problem(404, "No such product or image, or another merchant's")))
                .DELETE("/api/v1/products/{productId}/images/{imageId}", h::delete, ops -> ops
                        .operationId("deleteProductImage").tag(TAG)
                        .summary("Remove an image and its stored files")
                        .parameter(path("productId", "Product id"))
                        .parameter(path("imageId", "Image id"))
                        .response(status(204, "Removed"))
                        .response(problem(403, "Not a seller or admin"))
                        .response(problem(404, "No such product or image, or another merchant's")))
                .build();
    }
}
