-- generated from ProductListQuery / FacetQuery (see loadtest/README.md)
WITH page AS (
    SELECT candidate.* FROM unnest(CAST((WITH RECURSIVE t AS (SELECT id FROM categories WHERE slug = 'fashion' UNION SELECT c.id FROM categories c JOIN t ON c.parent_id = t.id) SELECT array_agg(id) FROM t) AS uuid[])) AS category(id)
    CROSS JOIN LATERAL (
    SELECT p.id, p.price_minor, p.rank FROM (
    SELECT p.id, p.price_minor, p.merchant_id, CAST(NULL AS real) AS rank
    FROM products p
    WHERE p.status = 'ACTIVE'
      AND p.category_id = category.id
      AND p.currency = 'USD'
      AND p.price_minor <= 20000
      AND p.variant_attributes @? CAST('$[*] ? ((@."size" == "L" || @."size" == "M"))' AS jsonpath)
    ORDER BY p.category_id, p.price_minor ASC, p.id ASC
    OFFSET 0) p
    JOIN merchants m ON m.id = p.merchant_id
    WHERE m.status = 'ACTIVE'
      AND EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock_on_hand > 0 AND v.attributes @? CAST('$ ? ((@."size" == "L" || @."size" == "M"))' AS jsonpath))
    ORDER BY p.price_minor ASC, p.id ASC
    LIMIT 21
) candidate
    ORDER BY candidate.price_minor ASC, candidate.id ASC
    LIMIT 21)
SELECT p.id, p.slug, p.title, p.price_minor, p.currency, p.featured, p.created_at,
       m.id AS merchant_id, m.slug AS merchant_slug, m.name AS merchant_name,
       c.id AS category_id, c.slug AS category_slug, c.name AS category_name,
       stock.in_stock IS NOT NULL AS in_stock,
       img.url AS image_url, img.alt AS image_alt,
       page.rank
FROM page
JOIN products p ON p.id = page.id
JOIN merchants m ON m.id = p.merchant_id
JOIN categories c ON c.id = p.category_id
LEFT JOIN LATERAL (SELECT i.url, i.alt FROM product_images i
                   WHERE i.product_id = p.id ORDER BY i.position, i.id LIMIT 1) img ON true
LEFT JOIN LATERAL (SELECT true AS in_stock FROM product_variants v
                   WHERE v.product_id = p.id AND v.stock_on_hand > 0 LIMIT 1) stock ON true
ORDER BY page.price_minor ASC, page.id ASC;
