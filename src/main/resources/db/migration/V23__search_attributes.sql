-- Attribute filters and facets read two columns of products instead of joining variants per request,
-- both derived from the product's variants by the triggers below (never written by the application):
--   variant_attributes: the distinct attribute objects of its variants, e.g. [{"color": "Black", "size": "M"}],
--     values as text. "One variant matches all the given attributes" is one jsonpath over it
--     ($[*] ? (@."color" == "Black" && @."size" == "M")), which the GIN index answers.
--   attribute_terms: the distinct 'key=value' pairs of its variants, for counting attribute facets with
--     one unnest per product (grouping the jsonb would cost several times more on a broad result).
ALTER TABLE products
    ADD COLUMN variant_attributes jsonb  NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN attribute_terms    text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION products_refresh_attributes(product_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Two transactions writing variants of one product must not both compute from a snapshot that
    -- lacks the other's rows: the second waits here, and the UPDATE below (a new statement, so a new
    -- snapshot under READ COMMITTED) then sees the first one's variants. NO KEY UPDATE, not UPDATE:
    -- inserting a variant holds KEY SHARE on its product (the foreign key), which UPDATE would wait on.
    PERFORM 1 FROM products WHERE id = ANY (product_ids) ORDER BY id FOR NO KEY UPDATE;
    UPDATE products p
    SET variant_attributes = derived.variant_attributes,
        attribute_terms = derived.attribute_terms
    FROM (
        SELECT ids.id,
               COALESCE((SELECT jsonb_agg(DISTINCT a.object ORDER BY a.object)
                         FROM product_variants v
                         CROSS JOIN LATERAL (SELECT jsonb_object_agg(e.key, e.value) AS object
                                             FROM jsonb_each_text(v.attributes) e) a
                         WHERE v.product_id = ids.id AND jsonb_typeof(v.attributes) = 'object'
                           AND a.object IS NOT NULL), '[]'::jsonb) AS variant_attributes,
               COALESCE((SELECT array_agg(DISTINCT e.key || '=' || e.value ORDER BY e.key || '=' || e.value)
                         FROM product_variants v
                         CROSS JOIN LATERAL jsonb_each_text(v.attributes) e
                         WHERE v.product_id = ids.id AND jsonb_typeof(v.attributes) = 'object'), '{}') AS attribute_terms
        FROM unnest(product_ids) AS ids(id)) derived
    WHERE p.id = derived.id
      AND (p.variant_attributes, p.attribute_terms) IS DISTINCT FROM (derived.variant_attributes, derived.attribute_terms);
END;
$$;

CREATE FUNCTION product_variants_attributes_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM products_refresh_attributes(ARRAY(SELECT DISTINCT product_id FROM new_rows));
    RETURN NULL;
END;
$$;

CREATE FUNCTION product_variants_attributes_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM products_refresh_attributes(ARRAY(SELECT DISTINCT product_id FROM old_rows));
    RETURN NULL;
END;
$$;

CREATE FUNCTION product_variants_attributes_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM products_refresh_attributes(ARRAY[OLD.product_id, NEW.product_id]);
    RETURN NULL;
END;
$$;

-- Inserts and deletes per statement (the demo seeder writes thousands of variants in one). Updates per
-- row, and only when attributes or product_id change: stock updates, the frequent kind, skip it.
CREATE TRIGGER product_variants_attributes_insert
    AFTER INSERT ON product_variants REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION product_variants_attributes_inserted();
CREATE TRIGGER product_variants_attributes_delete
    AFTER DELETE ON product_variants REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION product_variants_attributes_deleted();
CREATE TRIGGER product_variants_attributes_update
    AFTER UPDATE OF attributes, product_id ON product_variants
    FOR EACH ROW WHEN (OLD.attributes IS DISTINCT FROM NEW.attributes OR OLD.product_id IS DISTINCT FROM NEW.product_id)
    EXECUTE FUNCTION product_variants_attributes_updated();

-- Existing products, in one statement.
UPDATE products p
SET variant_attributes = derived.variant_attributes,
    attribute_terms = derived.attribute_terms
FROM (
    SELECT v.product_id,
           COALESCE(jsonb_agg(DISTINCT a.object) FILTER (WHERE a.object IS NOT NULL), '[]'::jsonb) AS variant_attributes,
           COALESCE((SELECT array_agg(DISTINCT t ORDER BY t)
                     FROM product_variants v2
                     CROSS JOIN LATERAL jsonb_each_text(v2.attributes) e
                     CROSS JOIN LATERAL (SELECT e.key || '=' || e.value) AS term(t)
                     WHERE v2.product_id = v.product_id AND jsonb_typeof(v2.attributes) = 'object'), '{}') AS attribute_terms
    FROM product_variants v
    CROSS JOIN LATERAL (SELECT jsonb_object_agg(e.key, e.value) AS object FROM jsonb_each_text(v.attributes) e) a
    WHERE jsonb_typeof(v.attributes) = 'object'
    GROUP BY v.product_id) derived
WHERE p.id = derived.product_id;

CREATE INDEX products_variant_attributes ON products USING gin (variant_attributes jsonb_path_ops) WHERE status = 'ACTIVE';
-- Category pages with attribute filters take each category's best rows (see ProductListQuery). Walking the
-- category's price index and filtering is quick where the attribute is common and slow where it is rare
-- or absent (sizes among the shoes of "fashion"); one GIN index over both columns finds exactly that
-- category's matching rows instead. btree_gin gives GIN its uuid operator class.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX products_category_attributes ON products USING gin (category_id, variant_attributes jsonb_path_ops)
    WHERE status = 'ACTIVE';
-- The planner estimates jsonpath matches from the column's statistics, which the backfill just replaced.
ANALYZE products;
