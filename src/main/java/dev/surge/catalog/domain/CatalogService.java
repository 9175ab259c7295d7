package dev.surge.catalog.domain;

import dev.surge.catalog.CatalogApi;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.catalog.config.CatalogProperties;
import dev.surge.catalog.data.CatalogQueries;
import dev.surge.catalog.data.FacetQuery;
import dev.surge.catalog.data.ProductDetailCache;
import dev.surge.catalog.data.ProductListQuery;
import dev.surge.catalog.data.SearchFacetCache;
import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Catalog reads: product lists and search, product pages (cached), featured products, the category tree. */
@Service
public class CatalogService implements CatalogApi {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CatalogService.class);

    /** Words of a search beyond this many are ignored; each word is cut to this length. */
    static final int MAX_QUERY_WORDS = 8;
    static final int MAX_WORD_LENGTH = 40;
    /** Shorter words are matched by prefix only: trigram similarity is noise on them. */
    static final int MIN_CORRECTED_WORD = 4;

    private final CatalogQueries queries;
    private final ProductDetailCache cache;
    private final Cursors cursors;
    private final CatalogProperties properties;
    private final SearchFacetCache facetCache;

    CatalogService(CatalogQueries queries, ProductDetailCache cache, Cursors cursors, CatalogProperties properties,
            SearchFacetCache facetCache) {
        this.queries = queries;
        this.cache = cache;
        this.facetCache = facetCache;
        this.cursors = cursors;
        this.properties = properties;
    }

    public Mono<Page<ProductSummary>> products(ProductFilter filter) {
        return search(filter).map(results -> new Page<>(results.items(), results.nextCursor()));
    }

    /**
     * A page of products, and facet counts when the filter asks for them and this is the first page
     * (facets describe the whole result, so later pages would only repeat them). The page and the
     * facets run as two statements side by side.
     */
    public Mono<ProductResults> search(ProductFilter filter) {
        return tsQuery(filter.query()).flatMap(tsQuery -> {
            // Prices only compare within one currency: a price filter or sort without one uses the store's.
            boolean byPrice = filter.minPrice() != null || filter.maxPrice() != null
                    || filter.sort() == ProductSort.PRICE_ASC || filter.sort() == ProductSort.PRICE_DESC;
            String currency = filter.currency() != null ? filter.currency() : byPrice ? properties.defaultCurrency() : null;
            // The scope holds the tsquery, not the text: corrections can change as the lexicon grows.
            String scope = scope(filter, currency, tsQuery.orElse(null));
            List<String> keyset = filter.cursor() == null ? null : keyset(filter.sort(), cursors.decode(filter.cursor(), scope));
            boolean withFacets = filter.facets() && filter.cursor() == null;
            Mono<ProductResults> listed = Mono.zip(
                            optionalId(filter.category(), queries::categoryTree, CategoryNotFound::new),
                            optionalId(filter.merchant(), queries::merchantId, MerchantNotFound::new))
                    .flatMap(ids -> {
                        UUID[] categoryIds = ids.getT1().orElse(null);
                        UUID merchantId = ids.getT2().orElse(null);
                        Mono<List<ProductListQuery.Row>> rows = queries.products(new ProductListQuery(categoryIds,
                                merchantId, filter.minPrice(), filter.maxPrice(), currency, filter.inStock(),
                                filter.attributes(), false, tsQuery.orElse(null), filter.sort(), keyset, filter.limit(),
                                filter.minRating()))
                                .collectList();
                        String facetCurrency = currency != null ? currency : properties.defaultCurrency();
                        Mono<java.util.Optional<SearchFacets>> facets = !withFacets ? Mono.just(java.util.Optional.empty())
                                : facetCache.get(scope.substring(scope.indexOf(':') + 1) + ":" + facetCurrency,
                                        queries.facets(new FacetQuery(categoryIds, merchantId, filter.minPrice(),
                                                filter.maxPrice(), currency, facetCurrency, filter.inStock(),
                                                filter.attributes(), tsQuery.orElse(null), properties.priceFacetBounds(),
                                                properties.facetValues(), filter.minRating())))
                                        .map(java.util.Optional::of);
                        return Mono.zip(rows, facets);
                    })
                    .map(found -> {
                        Page<ProductSummary> page = page(found.getT1(), filter, scope);
                        return new ProductResults(page.items(), page.nextCursor(), found.getT2().orElse(null));
                    });
            // handle (not doOnNext): it restores the request's ids into the MDC for the log line. Only when the line
            // is logged: around each handle call Reactor restores every thread local, which costs on every listing.
            return !log.isDebugEnabled() ? listed : listed.handle((results, sink) -> {
                log.debug("Listed {} products (sort {}, search {}, facets {}, more: {})",
                        results.items().size(), filter.sort(), tsQuery.orElse("-"), results.facets() != null,
                        results.nextCursor() != null);
                sink.next(results);
            });
        });
    }

    public Mono<List<ProductSummary>> featured(int limit) {
        return queries.products(new ProductListQuery(null, null, null, null, null, null, List.of(), true, null,
                        ProductSort.NEWEST, null, limit, null))
                .map(ProductListQuery.Row::product)
                .take(limit)
                .collectList();
    }

    /** The product page, by id or slug: from the cache as stored bytes, else built from the database. */
    public Mono<ProductPage> product(String idOrSlug) {
        UUID id = Ids.parseOrNull(idOrSlug);
        Mono<ProductPage> cached = (id != null ? Mono.just(id) : cache.idForSlug(idOrSlug))
                .flatMap(cache::get)
                // a slug that moved to another product, or an id cached under the wrong key: ask the database
                .filter(page -> id != null ? page.id().equals(id) : page.slug().equals(idOrSlug));
        return cached
                .switchIfEmpty(Mono.defer(() -> queries.productDetail(id, id == null ? idOrSlug : null)
                        .map(cache::page)
                        .flatMap(page -> cache.put(page).thenReturn(page))))
                .switchIfEmpty(Mono.error(ProductNotFound::new));
    }

    public Mono<List<CategoryNode>> categories() {
        return queries.categories().collectList().map(CatalogQueries::tree);
    }

    @Override
    public Mono<VariantSnapshot> findVariant(UUID variantId) {
        return queries.variant(variantId);
    }

    private Page<ProductSummary> page(List<ProductListQuery.Row> rows, ProductFilter filter, String scope) {
        if (rows.size() <= filter.limit()) {
            return new Page<>(rows.stream().map(ProductListQuery.Row::product).toList(), null);
        }
        List<ProductListQuery.Row> shown = rows.subList(0, filter.limit());
        ProductListQuery.Row last = shown.get(shown.size() - 1);
        List<String> keys = switch (filter.sort()) {
            case NEWEST -> List.of(last.product().id().toString());
            case PRICE_ASC, PRICE_DESC -> List.of(Long.toString(last.product().price().amountMinor()),
                    last.product().id().toString());
            case RELEVANCE -> List.of(Float.toString(last.rank()), last.product().id().toString());
            case RATING -> List.of(Integer.toString(ratingKey(last.product().rating())), last.product().id().toString());
        };
        return new Page<>(shown.stream().map(ProductListQuery.Row::product).toList(), cursors.encode(scope, keys));
    }

    /** The rating sort key, as {@code products.rating_x100} computes it: the average times 100, truncated. */
    private static int ratingKey(ProductRating rating) {
        return rating.count() == 0 ? 0 : rating.average().movePointRight(2).intValue();
    }

    /** Checks a decoded cursor's keys against the sort they claim to be for. */
    private static List<String> keyset(ProductSort sort, List<String> keys) {
        try {
            switch (sort) {
                case NEWEST -> {
                    if (keys.size() == 1 && Ids.parseOrNull(keys.get(0)) != null) {
                        return keys;
                    }
                }
                case PRICE_ASC, PRICE_DESC, RATING -> {
                    if (keys.size() == 2 && Ids.parseOrNull(keys.get(1)) != null) {
                        Long.parseLong(keys.get(0));
                        Integer.parseInt(keys.get(0));
                        return keys;
                    }
                }
                case RELEVANCE -> {
                    if (keys.size() == 2 && Ids.parseOrNull(keys.get(1)) != null
                            && Float.isFinite(Float.parseFloat(keys.get(0)))) {
                        return keys;
                    }
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new CatalogErrors.InvalidCursor();
    }

    /**
     * Turns free text into a tsquery: every word must match, as a prefix ({@code word:*}) or, when it
     * is no known title word nor the start of one, as one of its nearest spellings in the title lexicon. Words are reduced to letters and digits first,
     * so nothing the user types reaches the tsquery parser unescaped.
     */
    Mono<java.util.Optional<String>> tsQuery(String text) {
        if (text == null) {
            return Mono.just(java.util.Optional.empty());
        }
        List<String> words = words(text);
        if (words.isEmpty()) {
            return Mono.error(new CatalogErrors.InvalidQuery("q", "no_words", "must contain a letter or a digit"));
        }
        List<String> correctable = words.stream().filter(w -> w.length() >= MIN_CORRECTED_WORD).toList();
        Mono<Map<String, List<String>>> corrections = correctable.isEmpty() ? Mono.just(Map.of())
                : queries.corrections(correctable);
        return corrections.map(found -> {
            List<String> terms = new ArrayList<>();
            for (String word : words) {
                Set<String> alternatives = new LinkedHashSet<>();
                alternatives.add(word + ":*");
                alternatives.addAll(found.getOrDefault(word, List.of()));
                terms.add("(" + String.join(" | ", alternatives) + ")");
            }
            return java.util.Optional.of(String.join(" & ", terms));
        });
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!part.isEmpty() && words.size() < MAX_QUERY_WORDS) {
                words.add(part.length() > MAX_WORD_LENGTH ? part.substring(0, MAX_WORD_LENGTH) : part);
            }
        }
        return words.stream().distinct().toList();
    }

    private interface IdLookup<T> {
        Mono<T> find(String idOrSlug, UUID id);
    }

    private static <T> Mono<java.util.Optional<T>> optionalId(String idOrSlug, IdLookup<T> lookup,
            java.util.function.Supplier<? extends RuntimeException> notFound) {
        if (idOrSlug == null) {
            return Mono.just(java.util.Optional.empty());
        }
        return lookup.find(idOrSlug, Ids.parseOrNull(idOrSlug))
                .map(java.util.Optional::of)
                .switchIfEmpty(Mono.error(notFound));
    }

    /** Unambiguous text of attribute filters: lengths first, so no key or value can mimic a separator. */
    private static String attributes(List<AttributeFilter> attributes) {
        StringBuilder text = new StringBuilder();
        for (AttributeFilter attribute : attributes) {
            text.append(attribute.key().length()).append(':').append(attribute.key()).append('=');
            for (String value : attribute.values()) {
                text.append(value.length()).append(':').append(value);
            }
            text.append(';');
        }
        return text.toString();
    }

    private static String scope(ProductFilter filter, String currency, String tsQuery) {
        String filters = String.join("|", String.valueOf(filter.category()), String.valueOf(filter.merchant()),
                String.valueOf(filter.minPrice()), String.valueOf(filter.maxPrice()), String.valueOf(currency),
                String.valueOf(filter.inStock()), String.valueOf(tsQuery))
                // appended only when present, so cursors issued before attribute filters existed stay valid
                + (filter.attributes().isEmpty() ? "" : "|" + attributes(filter.attributes()))
                + (filter.minRating() == null ? "" : "|rating>=" + filter.minRating());
        return filter.sort() + ":" + HexFormat.of().formatHex(Sha256.of(filters), 0, 12);
    }
}
