package dev.surge.catalog.web;

import dev.surge.catalog.domain.CatalogManagementService;
import dev.surge.catalog.domain.CategoryForm;
import dev.surge.catalog.domain.CategoryManagementService;
import dev.surge.catalog.domain.CategoryNotFound;
import dev.surge.catalog.domain.ManagedProduct;
import dev.surge.catalog.domain.MerchantNotFound;
import dev.surge.catalog.domain.ProductForm;
import dev.surge.catalog.domain.ProductImportService;
import dev.surge.catalog.domain.ProductNotFound;
import dev.surge.catalog.domain.ProductStatus;
import dev.surge.catalog.domain.VariantNotFound;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.paging.Page;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Catalog management over HTTP: parses, checks ids and {@code If-Match}, delegates, maps (with {@code ETag}). */
@Component
class CatalogManagementHandler {

    static final MediaType CSV = new MediaType("text", "csv");
    private static final Set<String> PRODUCT_FIELDS = Set.of("title", "slug", "description", "categoryId", "status",
            "featured", "featuredPosition", "variants");
    private static final Set<String> VARIANT_FIELDS = Set.of("sku", "title", "price", "compareAtPrice", "weightGrams",
            "attributes", "stock");
    private static final Set<String> CATEGORY_FIELDS = Set.of("name", "slug", "parentId", "position");

    private final CatalogManagementService products;
    private final CategoryManagementService categories;
    private final ProductImportService bulk;
    private final RequestBodies bodies;
    private final ClientIp clientIp;
    private final MergePatch mergePatch;

    CatalogManagementHandler(CatalogManagementService products, CategoryManagementService categories,
            ProductImportService bulk, RequestBodies bodies, ClientIp clientIp, JsonMapper json) {
        this.products = products;
        this.categories = categories;
        this.bulk = bulk;
        this.bodies = bodies;
        this.clientIp = clientIp;
        this.mergePatch = new MergePatch(json);
    }

    /** A page of the merchant's products in the management shape. */
    record ManagedProductPage(List<ManagedProduct> items, String nextCursor) {
    }

    Mono<ServerResponse> list(ServerRequest request) {
        UUID merchantId = merchantId(request);
        QueryParams params = QueryParams.of(request);
        ProductStatus status = params.choice("status", ProductStatus.class, null);
        int limit = params.integer("limit", 50, 1, 100);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return Principals.current()
                .flatMap(caller -> products.list(caller, merchantId, status, limit, cursor))
                .flatMap(page -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(new ManagedProductPage(page.items(), page.nextCursor())));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        return Principals.current()
                .flatMap(caller -> products.get(caller, merchantId, productId))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        UUID merchantId = merchantId(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, ProductForm.class)
                        .flatMap(form -> products.create(caller, merchantId, form, origin(request))))
                .flatMap(product -> ServerResponse.created(URI.create("/api/v1/merchants/" + merchantId + "/products/"
                                + product.id()))
                        .eTag(EntityTags.of(product.version()))
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(product));
    }

    Mono<ServerResponse> replace(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        var ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, ProductForm.class)
                        .flatMap(form -> products.replace(caller, merchantId, productId, ifMatch, form, origin(request))))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> patch(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        var ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .flatMap(caller -> patchBody(request)
                        .flatMap(patch -> products.patch(caller, merchantId, productId, ifMatch,
                                current -> mergePatch.apply(current, patch, ProductForm.class, PRODUCT_FIELDS),
                                origin(request))))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> archive(ServerRequest request) {
        return status(request, ProductStatus.ARCHIVED);
    }

    Mono<ServerResponse> restore(ServerRequest request) {
        return status(request, ProductStatus.ACTIVE);
    }

    private Mono<ServerResponse> status(ServerRequest request, ProductStatus status) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        var ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .flatMap(caller -> products.setStatus(caller, merchantId, productId, ifMatch, status, origin(request)))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        var ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .flatMap(caller -> products.delete(caller, merchantId, productId, ifMatch, origin(request)))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> addVariant(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        var ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, ProductForm.VariantForm.class)
                        .flatMap(form -> products.addVariant(caller, merchantId, productId, ifMatch, form, origin(request))))
                .flatMap(product -> ok(product, HttpStatus.CREATED));
    }

    Mono<ServerResponse> patchVariant(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        UUID variantId = variantId(request);
        var ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .flatMap(caller -> patchBody(request)
                        .flatMap(patch -> products.patchVariant(caller, merchantId, productId, variantId, ifMatch,
                                current -> mergePatch.apply(current, patch, ProductForm.VariantForm.class, VARIANT_FIELDS),
                                origin(request))))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> deleteVariant(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        UUID variantId = variantId(request);
        var ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .flatMap(caller -> products.deleteVariant(caller, merchantId, productId, variantId, ifMatch, origin(request)))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> importCsv(ServerRequest request) {
        UUID merchantId = merchantId(request);
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !CSV.isCompatibleWith(type)) {
            return Mono.error(new UnsupportedMediaTypeStatusException(type, List.of(CSV)));
        }
        return Principals.current()
                .flatMap(caller -> bulk.importCsv(caller, merchantId, request.body(BodyExtractors.toDataBuffers()),
                        origin(request)))
                .flatMap(summary -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(summary));
    }

    Mono<ServerResponse> exportCsv(ServerRequest request) {
        UUID merchantId = merchantId(request);
        return Principals.current()
                .flatMap(caller -> products.access(caller, merchantId)
                        .then(ServerResponse.ok()
                                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                                .header(HttpHeaders.CONTENT_DISPOSITION,
                                        "attachment; filename=\"products-" + merchantId + ".csv\"")
                                .cacheControl(CacheControl.noStore())
                                .body(bulk.exportCsv(caller, merchantId), DataBuffer.class)));
    }

    Mono<ServerResponse> createCategory(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, CategoryForm.class)
                        .flatMap(form -> categories.create(caller, form, origin(request))))
                .flatMap(category -> ServerResponse.status(HttpStatus.CREATED).bodyValue(category));
    }

    Mono<ServerResponse> updateCategory(ServerRequest request) {
        UUID categoryId = categoryId(request);
        return Principals.current()
                .flatMap(caller -> patchBody(request)
                        .flatMap(patch -> categories.update(caller, categoryId,
                                current -> mergePatch.apply(current, patch, CategoryForm.class, CATEGORY_FIELDS),
                                origin(request))))
                .flatMap(category -> ServerResponse.ok().bodyValue(category));
    }

    Mono<ServerResponse> deleteCategory(ServerRequest request) {
        UUID categoryId = categoryId(request);
        return Principals.current()
                .flatMap(caller -> categories.delete(caller, categoryId, origin(request)))
                .then(ServerResponse.noContent().build());
    }

    private static Mono<ServerResponse> ok(ManagedProduct product, HttpStatus status) {
        return ServerResponse.status(status).eTag(EntityTags.of(product.version()))
                .cacheControl(CacheControl.noStore()).bodyValue(product);
    }

    private Mono<JsonNode> patchBody(ServerRequest request) {
        return request.bodyToMono(JsonNode.class)
                .switchIfEmpty(Mono.error(() -> new dev.surge.platform.errors.InvalidInputException("body_required",
                        "A JSON merge patch body is required")));
    }

    Origin origin(ServerRequest request) {
        return Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
    }

    private static UUID merchantId(ServerRequest request) {
        return PathIds.required(request, "merchantId", MerchantNotFound::new);
    }

    private static UUID productId(ServerRequest request) {
        return PathIds.required(request, "productId", ProductNotFound::new);
    }

    private static UUID variantId(ServerRequest request) {
        return PathIds.required(request, "variantId", VariantNotFound::new);
    }

    private static UUID categoryId(ServerRequest request) {
        return PathIds.required(request, "categoryId", CategoryNotFound::new);
    }
}
