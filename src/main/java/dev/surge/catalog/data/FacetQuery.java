package dev.surge.catalog.data;

import dev.surge.catalog.domain.AttributeFilter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Facet counts of one product list in one statement. The {@code base} CTE holds every product that
 * passes the filters no facet ignores (category, merchant, currency, text), one row each, with a flag
 * per filter some facet ignores (price range, attributes, attributes but one key); each facet then
 * counts the rows whose flags it needs:
 * <ul>
 * <li>categories: the current results (every flag), rolled up to each ancestor;</li>
 * <li>price buckets: the results without the price range, in {@code facetCurrency} only;</li>
 * <li>values of attribute key K: the results without K's own filter; a value v counts a product when one
 * of its variants has K = v and matches the other attribute filters. Without attribute filters, or for
 * the only filtered key, that is "has a variant with K = v", counted from {@code attribute_terms} (one
 * unnest per product); otherwise variant by variant over {@code variant_attributes}.</li>
 * </ul>
 * Stock: categories and prices judge it as the list does (with attribute filters, on the matching
 * variants); attribute values judge it per product (a variant in stock), not per value.
 *
 * @param attributes   sorted by key; at most a handful (the handler limits them)
 * @param priceBounds  ascending bucket boundaries in minor units
 * @param topValues    values kept per attribute key, most frequent first
 * @param minRating    the lowest average rating (1-5) of published reviews, or null for any
 */
public record FacetQuery(UUID[] categoryIds, UUID merchantId, Long minPrice, Long maxPrice, String currency,
        String facetCurrency, Boolean inStock, List<AttributeFilter> attributes, String tsQuery, List<Long> priceBounds,
        int topValues, Integer minRating) {

    public FacetQuery {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        priceBounds = List.copyOf(priceBounds);
    }

    String sql() {
        int n = attributes.size();
        StringBuilder sql = new StringBuilder("WITH RECURSIVE base AS MATERIALIZED (\n")
                // variant_attributes only when attribute filters need it: every byte of base is copied per row
                .append("    SELECT p.id, p.category_id, p.price_minor, p.currency, p.attribute_terms")
                .append(n == 0 ? ",\n" : ", p.variant_attributes,\n")
                .append("           ").append(inPrice()).append(" AS in_price,\n")
                .append("           ").append(n == 0 ? "true" : "p.variant_attributes @? CAST(:attributes AS jsonpath)")
                .append(" AS in_attributes");
        if (n >= 2) {
            for (int i = 0; i < n; i++) {
                sql.append(",\n           p.variant_attributes @? CAST(:attributesBut").append(i).append(" AS jsonpath) AS in_attributes_but")
                        .append(i);
            }
        }
        if (inStock != null && n > 0) {
            sql.append(",\n           ").append(ProductFilterSql.inStockVariant(attributes)).append(" AS stock_matching")
                    .append(",\n           ").append(ProductFilterSql.inStockVariant(List.of())).append(" AS stock_any");
        }
        ProductFilterSql filter = filter();
        sql.append("\n").append(ProductFilterSql.ACTIVE_PRODUCTS);
        if (categoryIds != null) {
            sql.append("      AND p.category_id = ANY (CAST(:categoryIds AS uuid[]))\n");
        }
        sql.append(filter.merchantAndCurrency()).append(filter.matchesText());
        if (n == 0) {
            sql.append(filter.stock(List.of()));
        }
        if (n >= 2) {
            // No facet needs a product that fails two attribute filters.
            sql.append("      AND (");
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "" : " OR ").append("p.variant_attributes @? CAST(:attributesBut").append(i).append(" AS jsonpath)");
            }
            sql.append(")\n");
        }
        String stockAsListed = inStock == null || n == 0 ? "true" : inStock ? "stock_matching" : "NOT stock_matching";
        String stockPerProduct = inStock == null || n == 0 ? "true" : inStock ? "b.stock_any" : "NOT b.stock_any";
        sql.append("),\n")
                .append("category_counts AS (\n")
                .append("    SELECT category_id, count(*) AS n FROM base WHERE in_price AND in_attributes AND ")
                .append(stockAsListed).append(" GROUP BY category_id),\n")
                .append("""
                category_up (ancestor, category_id) AS (
                    SELECT category_id, category_id FROM category_counts
                    UNION -- not UNION ALL: a parent cycle written by mistake must end, not loop
                    SELECT c.parent_id, up.category_id FROM category_up up JOIN categories c ON c.id = up.ancestor
                    WHERE c.parent_id IS NOT NULL),
                attribute_counts (key, value, n) AS (
                """)
                .append(attributeCounts(n, stockPerProduct))
                .append("""
                ),
                ranked AS (
                    SELECT key, value, n, row_number() OVER (PARTITION BY key ORDER BY n DESC, value) AS position
                    FROM attribute_counts)
                SELECT 'category' AS kind, c.id, c.slug, c.name, c.parent_id, NULL AS key, NULL AS value, sum(cc.n)::bigint AS n
                FROM category_up up
                JOIN category_counts cc ON cc.category_id = up.category_id
                JOIN categories c ON c.id = up.ancestor
                GROUP BY c.id, c.slug, c.name, c.parent_id
                UNION ALL
                SELECT 'price', NULL, NULL, NULL, NULL, NULL,
                       width_bucket(price_minor, CAST(:priceBounds AS bigint[]))::text, count(*)
                FROM base WHERE in_attributes AND """).append(' ').append(stockAsListed).append("""
                 AND currency = :facetCurrency
                GROUP BY 7
                UNION ALL
                SELECT 'attribute', NULL, NULL, NULL, NULL, key, value, n FROM ranked WHERE position <= :topValues
                """);
        return sql.toString();
    }

    private String inPrice() {
        if (minPrice == null && maxPrice == null) {
            return "true";
        }
        if (minPrice == null) {
            return "p.price_minor <= :maxPrice";
        }
        return maxPrice == null ? "p.price_minor >= :minPrice" : "p.price_minor BETWEEN :minPrice AND :maxPrice";
    }

    private String attributeCounts(int n, String stockPerProduct) {
        String terms = """
                    SELECT split_part(t.term, '=', 1), substr(t.term, strpos(t.term, '=') + 1), t.n
                    FROM (SELECT term, count(*) AS n FROM base b CROSS JOIN LATERAL unnest(b.attribute_terms) AS term
                          WHERE b.in_price AND %s%s GROUP BY term) t
                """;
        String variants = """
                    SELECT e.key, e.value, count(DISTINCT b.id)
                    FROM base b
                    CROSS JOIN LATERAL jsonb_array_elements(b.variant_attributes) AS va(attributes)
                    CROSS JOIN LATERAL jsonb_each_text(va.attributes) AS e
                    WHERE b.in_price AND %s AND %s
                    GROUP BY e.key, e.value
                """;
        if (n == 0) {
            return terms.formatted(stockPerProduct, "");
        }
        if (n == 1) {
            // The filtered key ignores its own filter: every product with the value counts.
            return terms.formatted(stockPerProduct, " AND starts_with(term, :keyPrefix0)")
                    + "    UNION ALL\n"
                    + variants.formatted(stockPerProduct,
                            "b.in_attributes AND e.key <> :key0 AND va.attributes @? CAST(:variantAttributes AS jsonpath)");
        }
        StringBuilder perKey = new StringBuilder("CASE e.key");
        for (int i = 0; i < n; i++) {
            perKey.append(" WHEN :key").append(i).append(" THEN b.in_attributes_but").append(i)
                    .append(" AND va.attributes @? CAST(:variantAttributesBut").append(i).append(" AS jsonpath)");
        }
        perKey.append(" ELSE b.in_attributes AND va.attributes @? CAST(:variantAttributes AS jsonpath) END");
        return variants.formatted(stockPerProduct, perKey);
    }

    private ProductFilterSql filter() {
        return new ProductFilterSql(categoryIds, merchantId, minPrice, maxPrice, currency, inStock, attributes, tsQuery,
                minRating);
    }

    Map<String, Object> bindings() {
        Map<String, Object> bindings = filter().bindings();
        int n = attributes.size();
        if (n == 1) {
            bindings.put("key0", attributes.get(0).key());
            bindings.put("keyPrefix0", attributes.get(0).key() + "=");
            bindings.put("variantAttributes", AttributePaths.variant(attributes));
        }
        if (n >= 2) {
            bindings.put("variantAttributes", AttributePaths.variant(attributes));
            for (int i = 0; i < n; i++) {
                List<AttributeFilter> others = AttributePaths.without(attributes, i);
                bindings.put("key" + i, attributes.get(i).key());
                bindings.put("attributesBut" + i, AttributePaths.anyVariant(others));
                bindings.put("variantAttributesBut" + i, AttributePaths.variant(others));
            }
        }
        bindings.put("priceBounds", priceBounds.toArray(Long[]::new));
        bindings.put("facetCurrency", facetCurrency);
        bindings.put("topValues", topValues);
        return bindings;
    }
}
