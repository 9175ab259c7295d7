package dev.surge.catalog.data;

import dev.surge.catalog.domain.CategoryNode;
import dev.surge.catalog.domain.ProductDetail;
import dev.surge.catalog.domain.ProductImage;
import dev.surge.catalog.domain.ProductRating;
import dev.surge.catalog.domain.ProductSummary;
import dev.surge.catalog.domain.SearchFacets;
import dev.surge.catalog.domain.ProductSummary.CategoryRef;
import dev.surge.catalog.domain.ProductSummary.MerchantRef;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.platform.persistence.Money;
import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's SQL. Product lists are keyset-paginated: the caller passes the sort keys of the last row
 * seen and {@link ProductListQuery} turns filters, sort and keyset into one statement that an index can
 * serve in order.
 */
@Repository
public class CatalogQueries {

    private static final TypeReference<List<ProductDetail.Variant>> VARIANTS = new TypeReference<>() {
    };
    private static final TypeReference<List<ProductImage>> IMAGES = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    CatalogQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The category and all its descendants; empty when there is no such category. */
    public Mono<UUID[]> categoryTree(String idOrSlug, UUID id) {
        return db.sql("""
                WITH RECURSIVE tree AS (
                    SELECT id FROM categories WHERE %s = :key
                    UNION -- not UNION ALL: a parent cycle written by mistake must end, not loop
                    SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
                SELECT array_agg(id) AS ids FROM tree""".formatted(id != null ? "id" : "slug"))
                .bind("key", id != null ? id : idOrSlug)
                .map(row -> {
                    UUID[] ids = row.get("ids", UUID[].class);
                    return ids == null ? new UUID[0] : ids;
                })
                .one()
                .filter(ids -> ids.length > 0);
    }

    public Mono<UUID> merchantId(String idOrSlug, UUID id) {
        return db.sql(id != null
                        ? "SELECT id FROM merchants WHERE id = :key AND status = 'ACTIVE'"
                        : "SELECT id FROM merchants WHERE slug = :key AND status = 'ACTIVE'")
                .bind("key", id != null ? id : idOrSlug)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /**
     * For each query word that is not a known title word nor the start of one (so probably misspelt),
     * its nearest known words by trigram similarity.
     */
    public Mono<Map<String, List<String>>> corrections(List<String> words) {
        return db.sql("""
                SELECT q.w AS word, l.word AS suggestion
                FROM unnest(CAST(:words AS text[])) AS q(w)
                CROSS JOIN LATERAL (
                    SELECT word FROM search_lexicon
                    WHERE word % q.w AND word <> q.w
                    ORDER BY word <-> q.w
                    LIMIT 3) l
                WHERE NOT EXISTS (SELECT 1 FROM search_lexicon known WHERE known.word ^@ q.w)""")
                .bind("words", words.toArray(String[]::new))
                .map(row -> Map.entry(row.get("word", String.class), row.get("suggestion", String.class)))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    Map<String, List<String>> result = new LinkedHashMap<>();
                    found.forEach((word, suggestions) -> result.put(word, List.copyOf(suggestions)));
                    return result;
                });
    }

    /** Rows of one page, each with its keyset values; fetches one row more than a page to tell if more exist. */
    public Flux<ProductListQuery.Row> products(ProductListQuery query) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(query.sql());
        for (Map.Entry<String, Object> bind : query.bindings().entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> new ProductListQuery.Row(summary(row), row.get("rank", Float.class))).all();
    }

    /** Facet counts of a product list; see {@link FacetQuery} for what each facet counts. */
    public Mono<SearchFacets> facets(FacetQuery query) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(query.sql());
        for (Map.Entry<String, Object> bind : query.bindings().entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> new FacetRow(row.get("kind", String.class), row.get("id", UUID.class),
                        row.get("slug", String.class), row.get("name", String.class), row.get("parent_id", UUID.class),
                        row.get("key", String.class), row.get("value", String.class), row.get("n", Long.class)))
                .all()
                .collectList()
                .map(rows -> facets(rows, query));
    }

    private record FacetRow(String kind, UUID id, String slug, String name, UUID parentId, String key, String value,
            long count) {
    }

    private static SearchFacets facets(List<FacetRow> rows, FacetQuery query) {
        List<SearchFacets.CategoryCount> categories = new ArrayList<>();
        long[] buckets = new long[query.priceBounds().size() + 1];
        Map<String, List<SearchFacets.ValueCount>> values = new java.util.TreeMap<>();
        for (FacetRow row : rows) {
            switch (row.kind()) {
                case "category" -> categories.add(new SearchFacets.CategoryCount(row.id(), row.slug(), row.name(),
                        row.parentId(), row.count()));
                case "price" -> buckets[Integer.parseInt(row.value())] = row.count();
                default -> values.computeIfAbsent(row.key(), k -> new ArrayList<>())
                        .add(new SearchFacets.ValueCount(row.value(), row.count()));
            }
        }
        categories.sort(java.util.Comparator.comparingLong(SearchFacets.CategoryCount::count).reversed()
                .thenComparing(SearchFacets.CategoryCount::slug));
        List<SearchFacets.PriceBucket> price = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            long min = i == 0 ? 0 : query.priceBounds().get(i - 1);
            Long max = i < query.priceBounds().size() ? query.priceBounds().get(i) : null;
            price.add(new SearchFacets.PriceBucket(min, max, buckets[i]));
        }
        List<SearchFacets.AttributeFacet> attributes = new ArrayList<>();
        values.forEach((key, counts) -> {
            counts.sort(java.util.Comparator.comparingLong(SearchFacets.ValueCount::count).reversed()
                    .thenComparing(SearchFacets.ValueCount::value));
            attributes.add(new SearchFacets.AttributeFacet(key, List.copyOf(counts)));
        });
        return new SearchFacets(List.copyOf(categories), new SearchFacets.PriceFacet(query.facetCurrency(), List.copyOf(price)),
                List.copyOf(attributes));
    }

    public Mono<ProductDetail> productDetail(UUID id, String slug) {
        return db.sql("""
                SELECT p.id, p.slug, p.title, p.description, p.price_minor, p.currency, p.featured,
                       p.created_at, p.updated_at, p.rating_count, p.rating_sum,
                       m.id AS merchant_id, m.slug AS merchant_slug, m.name AS merchant_name,
                       c.id AS category_id, c.slug AS category_slug, c.name AS category_name,
                       EXISTS (SELECT 1 FROM product_variants v
                               WHERE v.product_id = p.id AND v.stock_on_hand > 0) AS in_stock,
                       COALESCE((SELECT json_agg(json_build_object(
                                   'id', v.id, 'sku', v.sku, 'title', v.title,
                                   'price', json_build_object('amountMinor', v.price_minor, 'currency', v.currency),
                                   'attributes', v.attributes, 'inStock', v.stock_on_hand > 0)
                                   ORDER BY v.position, v.id)
                                 FROM product_variants v WHERE v.product_id = p.id), '[]')::text AS variants,
                       COALESCE((SELECT json_agg(json_build_object('id', i.id, 'url', i.url, 'alt', i.alt,
                                   'position', i.position, 'thumbnails', CASE WHEN i.thumbnails IS NOT NULL THEN (
                                       SELECT COALESCE(json_agg(json_build_object('size', t->'size', 'url', t->'url',
                                                   'width', t->'width', 'height', t->'height') ORDER BY (t->>'size')::int),
                                               '[]')
                                       FROM jsonb_array_elements(i.thumbnails) t) END)
                                   ORDER BY i.position, i.id)
                                 FROM product_images i WHERE i.product_id = p.id), '[]')::text AS images
                FROM products p
                JOIN merchants m ON m.id = p.merchant_id
                JOIN categories c ON c.id = p.category_id
                WHERE p.status = 'ACTIVE' AND m.status = 'ACTIVE' AND
                """ + (id != null ? "p.id = :key" : "p.slug = :key"))
                .bind("key", id != null ? id : slug)
                .map(row -> new ProductDetail(row.get("id", UUID.class), row.get("slug", String.class),
                        row.get("title", String.class), row.get("description", String.class), price(row),
                        Boolean.TRUE.equals(row.get("in_stock", Boolean.class)),
                        Boolean.TRUE.equals(row.get("featured", Boolean.class)), merchant(row), category(row),
                        json.readValue(row.get("variants", String.class), VARIANTS),
                        json.readValue(row.get("images", String.class), IMAGES),
                        RowValues.instant(row, "created_at"), RowValues.instant(row, "updated_at"), rating(row)))
                .one();
    }

    public Flux<CategoryRow> categories() {
        return db.sql("SELECT id, parent_id, slug, name FROM categories ORDER BY position, name")
                .map(row -> new CategoryRow(row.get("id", UUID.class), row.get("parent_id", UUID.class),
                        row.get("slug", String.class), row.get("name", String.class)))
                .all();
    }

    public Mono<VariantSnapshot> variant(UUID variantId) {
        return db.sql("""
                SELECT v.id, v.product_id, p.merchant_id, v.sku, p.title AS product_title, v.title AS variant_title,
                       v.price_minor, v.currency, (p.status = 'ACTIVE' AND m.status = 'ACTIVE') AS purchasable,
                       v.weight_grams, p.category_id
                FROM product_variants v
                JOIN products p ON p.id = v.product_id
                JOIN merchants m ON m.id = p.merchant_id
                WHERE v.id = :id""")
                .bind("id", variantId)
                .map(row -> new VariantSnapshot(row.get("id", UUID.class), row.get("product_id", UUID.class),
                        row.get("merchant_id", UUID.class), row.get("sku", String.class),
                        row.get("product_title", String.class), row.get("variant_title", String.class),
                        price(row), Boolean.TRUE.equals(row.get("purchasable", Boolean.class)),
                        row.get("weight_grams", Integer.class), row.get("category_id", UUID.class)))
                .one();
    }

    /** Builds the category forest from flat rows, keeping the query's display order. */
    public static List<CategoryNode> tree(List<CategoryRow> rows) {
        Map<UUID, List<CategoryRow>> byParent = new LinkedHashMap<>();
        for (CategoryRow row : rows) {
            byParent.computeIfAbsent(row.parentId(), k -> new ArrayList<>()).add(row);
        }
        return children(null, byParent);
    }

    private static List<CategoryNode> children(UUID parent, Map<UUID, List<CategoryRow>> byParent) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .map(row -> new CategoryNode(row.id(), row.slug(), row.name(), children(row.id(), byParent)))
                .toList();
    }

    static ProductSummary summary(Readable row) {
        String imageUrl = row.get("image_url", String.class);
        return new ProductSummary(row.get("id", UUID.class), row.get("slug", String.class),
                row.get("title", String.class), price(row), Boolean.TRUE.equals(row.get("in_stock", Boolean.class)),
                Boolean.TRUE.equals(row.get("featured", Boolean.class)), merchant(row), category(row),
                imageUrl == null ? null : new ProductImage(imageUrl, row.get("image_alt", String.class)),
                RowValues.instant(row, "created_at"), rating(row));
    }

    private static ProductRating rating(Readable row) {
        Integer count = row.get("rating_count", Integer.class);
        Long sum = row.get("rating_sum", Long.class);
        return ProductRating.of(sum == null ? 0 : sum, count == null ? 0 : count);
    }

    private static Money price(Readable row) {
        return Money.of(row.get("price_minor", Long.class), row.get("currency", String.class));
    }

    private static MerchantRef merchant(Readable row) {
        return new MerchantRef(row.get("merchant_id", UUID.class), row.get("merchant_slug", String.class),
                row.get("merchant_name", String.class));
    }

    private static CategoryRef category(Readable row) {
        return new CategoryRef(row.get("category_id", UUID.class), row.get("category_slug", String.class),
                row.get("category_name", String.class));
    }

    public record CategoryRow(UUID id, UUID parentId, String slug, String name) {
    }
}
