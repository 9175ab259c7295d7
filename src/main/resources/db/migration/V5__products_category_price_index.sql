-- Category pages sorted by price walk this index per category (see ProductListQuery): without it,
-- sorting a cheap category by price meant scanning the global price index past every dearer product.
CREATE INDEX IF NOT EXISTS products_category_price ON products (category_id, price_minor, id) WHERE status = 'ACTIVE';
