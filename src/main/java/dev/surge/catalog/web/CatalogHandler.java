package dev.surge.catalog.web;

import dev.surge.catalog.config.CatalogProperties;
import dev.surge.catalog.domain.AttributeFilter;
import dev.surge.catalog.domain.CatalogService;
import dev.surge.catalog.domain.ProductFilter;
import dev.surge.catalog.domain.ProductNotFound;
import dev.surge.catalog.domain.ProductSort;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.web.ConditionalResponses;
import dev.surge.platform.web.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
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
    /** Attribute filters are {@code attr.<key>=<value>[,<value>...]}. */
    static final String ATTRIBUTE_PREFIX = "attr.";
    static final int MAX_ATTRIBUTE_KEYS = 5;
    static final int MAX_ATTRIBUTE_VALUES = 10;
    static final int MAX_ATTRIBUTE_VALUE_LENGTH = 100;
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[\\p{L}\\p{N}_-]{1,40}");

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
                .flatMap(catalog::search)
                .flatMap(results -> responses.ok(request, CatalogResponses.ProductPageResponse.from(results), cacheControl));
    }

    Mono<ServerResponse> search(ServerRequest request) {
        return Mono.fromSupplier(() -> filter(request, true))
                .flatMap(catalog::search)
                .flatMap(results -> responses.ok(request, CatalogResponses.ProductPageResponse.from(results), cacheControl));
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
        return catalog.product(idOrSlug)
                .flatMap(page -> responses.okJson(request, page.json(), page.etag(), cacheControl));
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
        List<AttributeFilter> attributes = attributes(request, params);
        boolean facets = Boolean.TRUE.equals(params.bool("facets"));
        ProductSort sort = params.choice("sort", ProductSort.class,
                query != null ? ProductSort.RELEVANCE : ProductSort.NEWEST);
        if (sort == ProductSort.RELEVANCE && query == null) {
            params.reject("sort", "needs_query", "relevance needs a search query q");
        }
        int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String cursor = params.text("cursor").orElse(null);
        Long minRating = params.longValue("minRating", 1, 5);
        params.validate();
        return new ProductFilter(category, merchant, minPrice, maxPrice, currency, inStock, attributes, query, sort,
                limit, cursor, facets, minRating == null ? null : minRating.intValue());
    }

    /**
     * {@code attr.colour=red&attr.size=M,L}: sorted by key, values de-duplicated and sorted, so equal
     * filters in any order are one cursor scope. Values are exact (case-sensitive) and cannot hold a comma.
     */
    private static List<AttributeFilter> attributes(ServerRequest request, QueryParams params) {
        TreeMap<String, TreeSet<String>> found = new TreeMap<>();
        for (String name : request.queryParams().keySet()) {
            if (!name.startsWith(ATTRIBUTE_PREFIX)) {
                continue;
            }
            String key = name.substring(ATTRIBUTE_PREFIX.length());
            if (!ATTRIBUTE_KEY.matcher(key).matches()) {
                params.reject(name, "malformed", "attribute keys are 1-40 letters, digits, '_' or '-'");
                continue;
            }
            String raw = params.text(name).orElse(null);
            if (raw == null) {
                if (request.queryParams().get(name).size() == 1) {
                    params.reject(name, "required", "give at least one value");
                }
                continue;
            }
            TreeSet<String> values = new TreeSet<>();
            for (String value : raw.split(",")) {
                String trimmed = value.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.length() > MAX_ATTRIBUTE_VALUE_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
                    params.reject(name, "malformed", "values are 1-" + MAX_ATTRIBUTE_VALUE_LENGTH
                            + " characters without control characters, separated by commas");
                    values = null;
                    break;
                }
                values.add(trimmed);
            }
            if (values == null) {
                continue;
            }
            if (values.isEmpty()) {
                params.reject(name, "required", "give at least one value");
            } else if (values.size() > MAX_ATTRIBUTE_VALUES) {
                params.reject(name, "too_many", "at most " + MAX_ATTRIBUTE_VALUES + " values per attribute");
            } else {
                found.put(key, values);
            }
        }
        if (found.size() > MAX_ATTRIBUTE_KEYS) {
            params.reject("attr", "too_many", "at most " + MAX_ATTRIBUTE_KEYS + " attribute filters");
        }
        List<AttributeFilter> attributes = new ArrayList<>();
        found.forEach((key, values) -> attributes.add(new AttributeFilter(key, List.copyOf(values))));
        return attributes;
    }
}
