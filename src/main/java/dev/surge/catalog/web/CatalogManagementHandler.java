package dev.surge.catalog.web;

import dev.surge.catalog.domain.IfMatch;
import dev.surge.catalog.domain.ManagedProduct;
import dev.surge.catalog.domain.ManagedProductReads;
import dev.surge.catalog.domain.MerchantNotFound;
import dev.surge.catalog.domain.ProductEdit;
import dev.surge.catalog.domain.ProductEditing;
import dev.surge.catalog.domain.ProductForm;
import dev.surge.catalog.domain.ProductNotFound;
import dev.surge.catalog.domain.ProductStatus;
import dev.surge.catalog.domain.VariantEditing;
import dev.surge.catalog.domain.VariantNotFound;
import dev.surge.platform.paging.Page;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** A merchant's products over HTTP: parses, checks ids and {@code If-Match}, delegates, maps (with {@code ETag}). */
@Component
class CatalogManagementHandler {

    private static final Set<String> PRODUCT_FIELDS = Set.of("title", "slug", "description", "categoryId", "status",
            "featured", "featuredPosition", "variants");
    private static final Set<String> VARIANT_FIELDS = Set.of("sku", "title", "price", "compareAtPrice", "weightGrams",
            "attributes", "stock");

    private final ManagedProductReads reads;
    private final ProductEditing products;
    private final VariantEditing variants;
    private final RequestBodies bodies;
    private final RequestOrigins origins;
    private final MergePatch mergePatch;

    CatalogManagementHandler(ManagedProductReads reads, ProductEditing products, VariantEditing variants,
            RequestBodies bodies, RequestOrigins origins, MergePatch mergePatch) {
        this.reads = reads;
        this.products = products;
        this.variants = variants;
        this.bodies = bodies;
        this.origins = origins;
        this.mergePatch = mergePatch;
    }

    /** A page of the merchant's products in the management shape. */
    record ManagedProductPage(List<ManagedProduct> items, String nextCursor) {

        static ManagedProductPage of(Page<ManagedProduct> page) {
            return new ManagedProductPage(page.items(), page.nextCursor());
        }
    }

    Mono<ServerResponse> list(ServerRequest request) {
        UUID merchantId = merchantId(request);
        QueryParams params = QueryParams.of(request);
        ProductStatus status = params.choice("status", ProductStatus.class, null);
        int limit = params.integer("limit", 50, 1, 100);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return Principals.current()
                .flatMap(caller -> reads.list(caller, merchantId, status, limit, cursor))
                .flatMap(page -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(ManagedProductPage.of(page)));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        return Principals.current()
                .flatMap(caller -> reads.get(caller, merchantId, productId))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        UUID merchantId = merchantId(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, ProductForm.class)
                        .flatMap(form -> products.create(caller, merchantId, form, origins.of(request))))
                .flatMap(product -> ServerResponse.created(URI.create("/api/v1/merchants/" + merchantId + "/products/"
                                + product.id()))
                        .eTag(EntityTags.of(product.version()))
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(product));
    }

    Mono<ServerResponse> replace(ServerRequest request) {
        return edit(request)
                .flatMap(edit -> bodies.read(request, ProductForm.class).flatMap(form -> products.replace(edit, form)))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> patch(ServerRequest request) {
        return edit(request)
                .flatMap(edit -> mergePatch.read(request)
                        .flatMap(patch -> products.patch(edit,
                                current -> mergePatch.apply(current, patch, ProductForm.class, PRODUCT_FIELDS))))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> archive(ServerRequest request) {
        return status(request, ProductStatus.ARCHIVED);
    }

    Mono<ServerResponse> restore(ServerRequest request) {
        return status(request, ProductStatus.ACTIVE);
    }

    private Mono<ServerResponse> status(ServerRequest request, ProductStatus status) {
        return edit(request)
                .flatMap(edit -> products.setStatus(edit, status))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        return edit(request)
                .flatMap(products::delete)
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> addVariant(ServerRequest request) {
        return edit(request)
                .flatMap(edit -> bodies.read(request, ProductForm.VariantForm.class)
                        .flatMap(form -> variants.add(edit, form)))
                .flatMap(product -> ok(product, HttpStatus.CREATED));
    }

    Mono<ServerResponse> patchVariant(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        UUID variantId = variantId(request);
        return edit(request, merchantId, productId)
                .flatMap(edit -> mergePatch.read(request)
                        .flatMap(patch -> variants.patch(edit, variantId,
                                current -> mergePatch.apply(current, patch, ProductForm.VariantForm.class, VARIANT_FIELDS))))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    Mono<ServerResponse> deleteVariant(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        UUID variantId = variantId(request);
        return edit(request, merchantId, productId)
                .flatMap(edit -> variants.delete(edit, variantId))
                .flatMap(product -> ok(product, HttpStatus.OK));
    }

    private static Mono<ServerResponse> ok(ManagedProduct product, HttpStatus status) {
        return ServerResponse.status(status).eTag(EntityTags.of(product.version()))
                .cacheControl(CacheControl.noStore()).bodyValue(product);
    }

    /** The product change the request asks for: ids and {@code If-Match} are checked before the caller is read. */
    private Mono<ProductEdit> edit(ServerRequest request) {
        UUID merchantId = merchantId(request);
        UUID productId = productId(request);
        return edit(request, merchantId, productId);
    }

    private Mono<ProductEdit> edit(ServerRequest request, UUID merchantId, UUID productId) {
        IfMatch ifMatch = EntityTags.ifMatch(request);
        return Principals.current()
                .map(caller -> new ProductEdit(caller, merchantId, productId, ifMatch, origins.of(request)));
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
}
