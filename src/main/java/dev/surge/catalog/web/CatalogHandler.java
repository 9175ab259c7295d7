package dev.surge.catalog.web;

import dev.surge.catalog.config.CatalogProperties;
import dev.surge.catalog.domain.CatalogService;
import dev.surge.catalog.domain.ProductFilter;
import dev.surge.catalog.domain.ProductNotFound;
import dev.surge.catalog.domain.ProductSort;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.web.ConditionalResponses;
import dev.surge.platform.web.QueryParams;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Parses and validates catalog requests, delegates to {@link CatalogService}, maps to responses. */
@Component
class CatalogHandler {

    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_FEATURED = 48;
    /** Ids are UUIDs and slugs are lower-case words joined by dashes; anything else cannot exist. */
    private static final Pattern ID_OR_SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,159}");
    private static final long MAX_PRICE = 1_000_000_000_00L;

    private final CatalogService catalog;
    private final ConditionalResponses responses;
    private final CacheControl cacheControl;

    CatalogHandler(CatalogService catalog, ConditionalResponses responses, CatalogProperties properties) {
        this.catalog = catalog;
        this.responses = responses;
        this.cacheControl = CacheControl.maxAge(properties.httpMaxAge()).cachePublic();
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Mono.fromSupplier(() -> filter(request, false))
                .flatMap(catalog::products)
                .flatMap(page -> responses.ok(request,
                        new CatalogResponses.ProductPageResponse(page.items(), page.nextCursor()), cacheControl));
    }

    Mono<ServerResponse> search(ServerRequest request) {
        return Mono.fromSupplier(() -> filter(request, true))
                .flatMap(catalog::products)
                .flatMap(page -> responses.ok(request,
                        new CatalogResponses.ProductPageResponse(page.items(), page.nextCursor()), cacheControl));
    }

    Mono<ServerResponse> featured(ServerRequest request) {
        return Mono.fromSupplier(() -> {
                    QueryParams params = QueryParams.of(request);
                    int limit = params.integer("limit", 12, 1, MAX_FEATURED);
                    params.validate();
                    return limit;
                })
                .flatMap(catalog::featured)
                .flatMap(items -> responses.ok(request, new CatalogResponses.ProductListResponse(items), cacheControl));
    }

    Mono<ServerResponse> product(ServerRequest request) {
        String idOrSlug = request.pathVariable("idOrSlug").toLowerCase(Locale.ROOT);
        if (!ID_OR_SLUG.matcher(idOrSlug).matches()) {
            return Mono.error(new ProductNotFound());
        }
        return catalog.product(idOrSlug).flatMap(product -> responses.ok(request, product, cacheControl));
    }

    Mono<ServerResponse> categories(ServerRequest request) {
        return catalog.categories()
                .flatMap(tree -> responses.ok(request, new CatalogResponses.CategoryTreeResponse(tree), cacheControl));
    }

    private static ProductFilter filter(ServerRequest request, boolean searching) {
        QueryParams params = QueryParams.of(request);
        String query = searching ? params.text("q", 1, 200) : params.text("q").orElse(null);
        if (query != null && query.length() > 200) {
            params.reject("q", "length", "must be 1 to 200 characters");
        }
        String category = params.text("category").map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
        String merchant = params.text("merchant").map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
        if (category != null && !ID_OR_SLUG.matcher(category).matches()) {
            params.reject("category", "malformed", "must be a category id or slug");
        }
        if (merchant != null && !ID_OR_SLUG.matcher(merchant).matches()) {
            params.reject("merchant", "malformed", "must be a merchant id or slug");
        }
        Long minPrice = params.longValue("minPrice", 0, MAX_PRICE);
        Long maxPrice = params.longValue("maxPrice", 0, MAX_PRICE);
        if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
            params.reject("minPrice", "range", "must not be above maxPrice");
        }
        String currency = params.text("currency").map(v -> v.toUpperCase(Locale.ROOT)).orElse(null);
        if (currency != null && !Money.isCurrencyCode(currency)) {
            params.reject("currency", "unknown_currency", "must be an ISO 4217 currency code");
        }
        Boolean inStock = params.bool("inStock");
        ProductSort sort = params.choice("sort", ProductSort.class,
                query != null ? ProductSort.RELEVANCE : ProductSort.NEWEST);
        if (sort == ProductSort.RELEVANCE && query == null) {
            params.reject("sort", "needs_query", "relevance needs a search query q");
        }
        int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return new ProductFilter(category, merchant, minPrice, maxPrice, currency, inStock, query, sort, limit, cursor);
    }
}
