package dev.surge.catalog.data;

import dev.surge.catalog.domain.ProductSort;
import dev.surge.catalog.domain.ProductSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One product-list statement. Filters go in the inner query; the keyset condition, order and limit go
 * outside it, so relevance (a computed rank) pages the same way as columns do. PostgreSQL flattens the
 * subquery, so the newest and price orders still walk their partial indexes.
 *
 * @param tsQuery  a {@code to_tsquery('english', ...)} expression built from sanitised words, or null
 * @param keyset   the previous page's last sort keys (from the cursor), or null for the first page
 */
public record ProductListQuery(UUID categoryId, UUID merchantId, Long minPrice, Long maxPrice, String currency,
        Boolean inStock, boolean featuredOnly, String tsQuery, ProductSort sort, List<String> keyset, int limit) {

    /** A result row and the rank it was ordered by (null unless sorting by relevance). */
    public record Row(ProductSummary product, Float rank) {
    }

    String sql() {
        StringBuilder sql = new StringBuilder();
        if (categoryId != null) {
            sql.append("""
                    WITH RECURSIVE tree AS (
                        SELECT id FROM categories WHERE id = :categoryId
                        UNION ALL
                        SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
                    """);
        }
        sql.append("""
                SELECT * FROM (
                    SELECT p.id, p.slug, p.title, p.price_minor, p.currency, p.featured, p.created_at,
                           m.id AS merchant_id, m.slug AS merchant_slug, m.name AS merchant_name,
                           c.id AS category_id, c.slug AS category_slug, c.name AS category_name,
                           EXISTS (SELECT 1 FROM product_variants v
                                   WHERE v.product_id = p.id AND v.stock_on_hand > 0) AS in_stock,
                           img.url AS image_url, img.alt AS image_alt,
                """);
        sql.append(tsQuery != null
                ? "           ts_rank_cd(p.search_vector, to_tsquery('english', :tsQuery)) AS rank\n"
                : "           CAST(NULL AS real) AS rank\n");
        sql.append("""
                    FROM products p
                    JOIN merchants m ON m.id = p.merchant_id
                    JOIN categories c ON c.id = p.category_id
                    LEFT JOIN LATERAL (SELECT i.url, i.alt FROM product_images i
                                       WHERE i.product_id = p.id ORDER BY i.position, i.id LIMIT 1) img ON true
                    WHERE p.status = 'ACTIVE' AND m.status = 'ACTIVE'
                """);
        if (categoryId != null) {
            sql.append("      AND p.category_id IN (SELECT id FROM tree)\n");
        }
        if (merchantId != null) {
            sql.append("      AND p.merchant_id = :merchantId\n");
        }
        if (currency != null) {
            sql.append("      AND p.currency = :currency\n");
        }
        if (minPrice != null) {
            sql.append("      AND p.price_minor >= :minPrice\n");
        }
        if (maxPrice != null) {
            sql.append("      AND p.price_minor <= :maxPrice\n");
        }
        if (Boolean.TRUE.equals(inStock)) {
            sql.append("      AND EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock_on_hand > 0)\n");
        } else if (Boolean.FALSE.equals(inStock)) {
            sql.append("      AND NOT EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock_on_hand > 0)\n");
        }
        if (featuredOnly) {
            sql.append("      AND p.featured\n");
        }
        if (tsQuery != null) {
            sql.append("      AND p.search_vector @@ to_tsquery('english', :tsQuery)\n");
        }
        sql.append(") page\n");
        if (keyset != null) {
            sql.append(switch (sort) {
                case NEWEST -> "WHERE page.id < :afterId\n";
                case PRICE_ASC -> "WHERE (page.price_minor, page.id) > (:afterPrice, :afterId)\n";
                case PRICE_DESC -> "WHERE (page.price_minor, page.id) < (:afterPrice, :afterId)\n";
                case RELEVANCE -> "WHERE (page.rank, page.id) < (:afterRank, :afterId)\n";
            });
        }
        sql.append(switch (sort) {
            case NEWEST -> "ORDER BY page.id DESC\n";
            case PRICE_ASC -> "ORDER BY page.price_minor ASC, page.id ASC\n";
            case PRICE_DESC -> "ORDER BY page.price_minor DESC, page.id DESC\n";
            case RELEVANCE -> "ORDER BY page.rank DESC, page.id DESC\n";
        });
        sql.append("LIMIT :limit");
        return sql.toString();
    }

    Map<String, Object> bindings() {
        Map<String, Object> bindings = new LinkedHashMap<>();
        if (categoryId != null) {
            bindings.put("categoryId", categoryId);
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
        if (tsQuery != null) {
            bindings.put("tsQuery", tsQuery);
        }
        if (keyset != null) {
            // Keys were validated when the cursor was decoded (see CatalogService.keyset).
            switch (sort) {
                case NEWEST -> bindings.put("afterId", UUID.fromString(keyset.get(0)));
                case PRICE_ASC, PRICE_DESC -> {
                    bindings.put("afterPrice", Long.parseLong(keyset.get(0)));
                    bindings.put("afterId", UUID.fromString(keyset.get(1)));
                }
                case RELEVANCE -> {
                    bindings.put("afterRank", Float.parseFloat(keyset.get(0)));
                    bindings.put("afterId", UUID.fromString(keyset.get(1)));
                }
            }
        }
        bindings.put("limit", limit + 1);
        return bindings;
    }
}
