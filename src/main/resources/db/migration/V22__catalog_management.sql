-- Catalog management: optimistic concurrency, featured order, richer variants.

-- Every write to a product or one of its variants bumps version; it is the product's ETag, and updates
-- carry it back in If-Match, so a write based on a stale read is refused instead of lost.
ALTER TABLE products ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- Display order of featured products (lower first; null: after the ordered ones, newest first).
ALTER TABLE products ADD COLUMN featured_position int CHECK (featured_position >= 0);
CREATE INDEX products_featured_order ON products (featured_position, id DESC) WHERE featured AND status = 'ACTIVE';

-- Compare-at price ("was"): in the variant's currency, never below its price. Weight in grams.
ALTER TABLE product_variants ADD COLUMN compare_at_minor bigint;
ALTER TABLE product_variants ADD COLUMN weight_grams int CHECK (weight_grams >= 0);
ALTER TABLE product_variants ADD CONSTRAINT product_variants_compare_at_not_below_price
    CHECK (compare_at_minor IS NULL OR compare_at_minor >= price_minor);
