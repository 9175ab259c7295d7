package dev.surge.catalog.web;

import dev.surge.catalog.config.ProductMediaProperties;
import dev.surge.catalog.domain.CatalogErrors;
import dev.surge.catalog.domain.NewImage;
import dev.surge.catalog.domain.ProductImageNotFound;
import dev.surge.catalog.domain.ProductMediaService;
import dev.surge.catalog.domain.ProductNotFound;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.DataBuffers;
import dev.surge.platform.web.RequestBodies;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Parses image uploads and edits, delegates to {@link ProductMediaService}, maps the results. */
@Component
class ProductMediaHandler {

    private final ProductMediaService media;
    private final RequestBodies bodies;
    private final ProductMediaProperties properties;

    ProductMediaHandler(ProductMediaService media, RequestBodies bodies, ProductMediaProperties properties) {
        this.media = media;
        this.bodies = bodies;
        this.properties = properties;
    }

    /** PATCH body: either field may be left out. */
    record UpdateImageRequest(@Size(max = 500) String alt, @Min(0) Integer position) {
    }

    Mono<ServerResponse> upload(ServerRequest request) {
        UUID productId = productId(request);
        return Principals.current()
                .flatMap(caller -> media.upload(caller, productId, newImage(request)))
                .flatMap(image -> ServerResponse.status(HttpStatus.CREATED).bodyValue(image));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        UUID productId = productId(request);
        UUID imageId = imageId(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, UpdateImageRequest.class)
                        .flatMap(body -> media.update(caller, productId, imageId, body.alt(), body.position())))
                .flatMap(image -> ServerResponse.ok().bodyValue(image));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        UUID productId = productId(request);
        UUID imageId = imageId(request);
        return Principals.current()
                .flatMap(caller -> media.delete(caller, productId, imageId))
                .then(ServerResponse.noContent().build());
    }

    /**
     * The {@code file} part (read into memory up to the upload limit), {@code alt} and {@code position}.
     * Lazy: nothing is read until the service, having checked the caller, subscribes.
     */
    private Mono<NewImage> newImage(ServerRequest request) {
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return Mono.error(new CatalogErrors.NotMultipart());
        }
        return request.multipartData().flatMap(parts -> {
            List<FieldViolation> violations = new ArrayList<>();
            Part file = parts.getFirst("file");
            if (!(file instanceof FilePart)) {
                violations.add(new FieldViolation("file", "required", "must be a file part named file"));
            }
            String alt = field(parts, "alt");
            Integer position = null;
            String positionText = field(parts, "position");
            if (positionText != null && !positionText.isBlank()) {
                try {
                    position = Integer.valueOf(positionText.strip());
                } catch (NumberFormatException e) {
                    violations.add(new FieldViolation("position", "type", "must be a whole number"));
                }
            }
            if (!violations.isEmpty()) {
                return Mono.error(new CatalogErrors.IncompleteUpload(violations));
            }
            Integer chosenPosition = position;
            return DataBufferUtils.join(file.content(), (int) Math.min(Integer.MAX_VALUE - 8,
                            properties.maxUploadSize().toBytes()))
                    .onErrorMap(DataBufferLimitException.class, e -> new CatalogErrors.ImageTooLarge(properties.maxUploadSize()))
                    .map(DataBuffers::bytes)
                    .map(content -> new NewImage(content, alt, chosenPosition));
        });
    }

    private static String field(MultiValueMap<String, Part> parts, String name) {
        return parts.getFirst(name) instanceof FormFieldPart field ? field.value() : null;
    }

    private static UUID productId(ServerRequest request) {
        UUID id = Ids.parseOrNull(request.pathVariable("productId"));
        if (id == null) {
            throw new ProductNotFound();
        }
        return id;
    }

    private static UUID imageId(ServerRequest request) {
        UUID id = Ids.parseOrNull(request.pathVariable("imageId"));
        if (id == null) {
            throw new ProductImageNotFound();
        }
        return id;
    }
}
