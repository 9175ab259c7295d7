-- generated from ProductListQuery / FacetQuery (see loadtest/README.md)
WITH RECURSIVE base AS MATERIALIZED (
    SELECT p.id, p.category_id, p.price_minor, p.currency, p.attribute_terms, p.variant_attributes,
           true AS in_price,
           p.variant_attributes @? CAST('$[*] ? ((@."size" == "L" || @."size" == "M"))' AS jsonpath) AS in_attributes
    FROM products p
    JOIN merchants m ON m.id = p.merchant_id
    WHERE p.status = 'ACTIVE' AND m.status = 'ACTIVE'
      AND p.category_id = ANY (CAST((WITH RECURSIVE t AS (SELECT id FROM categories WHERE slug = 'fashion' UNION SELECT c.id FROM categories c JOIN t ON c.parent_id = t.id) SELECT array_agg(id) FROM t) AS uuid[]))
),
category_counts AS (
    SELECT category_id, count(*) AS n FROM base WHERE in_price AND in_attributes AND true GROUP BY category_id),
category_up (ancestor, category_id) AS (
    SELECT category_id, category_id FROM category_counts
    UNION -- not UNION ALL: a parent cycle written by mistake must end, not loop
    SELECT c.parent_id, up.category_id FROM category_up up JOIN categories c ON c.id = up.ancestor
    WHERE c.parent_id IS NOT NULL),
attribute_counts (key, value, n) AS (
    SELECT split_part(t.term, '=', 1), substr(t.term, strpos(t.term, '=') + 1), t.n
    FROM (SELECT term, count(*) AS n FROM base b CROSS JOIN LATERAL unnest(b.attribute_terms) AS term
          WHERE b.in_price AND true AND starts_with(term, 'size=') GROUP BY term) t
    UNION ALL
    SELECT e.key, e.value, count(DISTINCT b.id)
    FROM base b
    CROSS JOIN LATERAL jsonb_array_elements(b.variant_attributes) AS va(attributes)
    CROSS JOIN LATERAL jsonb_each_text(va.attributes) AS e
    WHERE b.in_price AND true AND b.in_attributes AND e.key <> 'size' AND va.attributes @? CAST('$ ? ((@."size" == "L" || @."size" == "M"))' AS jsonpath)
    GROUP BY e.key, e.value
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
       width_bucket(price_minor, CAST(ARRAY[1000, 2500, 5000, 10000, 25000, 50000, 100000]::bigint[] AS bigint[]))::text, count(*)
FROM base WHERE in_attributes AND true AND currency = 'USD'
GROUP BY 7
UNION ALL
SELECT 'attribute', NULL, NULL, NULL, NULL, key, value, n FROM ranked WHERE position <= 10
;
