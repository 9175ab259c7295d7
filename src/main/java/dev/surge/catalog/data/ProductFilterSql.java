package dev.surge.catalog.data;

import dev.surge.catalog.domain.AttributeFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The product filters a list and its facets share, as SQL over {@code products p} (joined to its merchant
 * {@code m}) and as the bindings that SQL names. Each query places the pieces where its plan wants them.
 *
 * @param attributes one variant must match all of these (empty: no attribute filter)
 */
record ProductFilterSql(UUID[] categoryIds, UUID merchantId, Long minPrice, Long maxPrice, String currency,
        Boolean inStock, List<AttributeFilter> attributes, String tsQuery, Integer minRating) {

    /** Products on sale: active, of an active merchant. */
    static final String ACTIVE_PRODUCTS = """
                FROM products p
                JOIN merchants m ON m.id = p.merchant_id
                WHERE p.status = 'ACTIVE' AND m.status = 'ACTIVE'
            """;

    /** The merchant, currency and rating filters, each a line of its own when set. */
    String merchantAndCurrency() {
        return (merchantId == null ? "" : "      AND p.merchant_id = :merchantId\n")
                + (currency == null ? "" : "      AND p.currency = :currency\n")
                + (minRating == null ? "" : "      AND p.rating_x100 >= :minRating\n");
    }

    /** The full-text filter, when there is search text. */
    String matchesText() {
        return tsQuery == null ? "" : "      AND p.search_vector @@ to_tsquery('english', :tsQuery)\n";
    }

    /** The stock filter, when set: judged on a variant matching {@code judgedOn} (empty: any variant). */
    String stock(List<AttributeFilter> judgedOn) {
        return inStock == null ? "" : (inStock ? "      AND " : "      AND NOT ") + inStockVariant(judgedOn) + "\n";
    }

    /** A variant of {@code p} has stock; with attribute filters, a variant matching them (bound as :variantAttributes). */
    static String inStockVariant(List<AttributeFilter> attributes) {
        return "EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock_on_hand > 0"
                + (attributes.isEmpty() ? ")" : " AND v.attributes @? CAST(:variantAttributes AS jsonpath))");
    }

    /** The values of every filter that is set, by the names the pieces above use. */
    Map<String, Object> bindings() {
        Map<String, Object> bindings = new LinkedHashMap<>();
        if (categoryIds != null) {
            bindings.put("categoryIds", categoryIds);
        }
        if (merchantId != null) {
            bindings.put("merchantId", merchantId);
        }
        if (currency != null) {
            bindings.put("currency", currency);
        }
        if (minPrice != null) {
            bindings.put("minPrice", minPrice);
        }
        if (maxPrice != null) {
            bindings.put("maxPrice", maxPrice);
        }
        if (!attributes.isEmpty()) {
            bindings.put("attributes", AttributePaths.anyVariant(attributes));
            if (inStock != null) {
                bindings.put("variantAttributes", AttributePaths.variant(attributes));
            }
        }
        if (tsQuery != null) {
            bindings.put("tsQuery", tsQuery);
        }
        if (minRating != null) {
            bindings.put("minRating", minRating * 100);
        }
        return bindings;
    }
}
