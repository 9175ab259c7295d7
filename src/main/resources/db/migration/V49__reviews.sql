-- Product reviews (reviews module) and the catalog's running rating of each product.
--
-- A review is written by a buyer whose order line of the product was delivered, once per product and author
-- (unique while the author is known; an erased author's reviews are kept with author_id NULL). It waits for
-- moderation (PENDING) and is shown only when PUBLISHED. Title and body are plain text, never HTML.
CREATE TABLE reviews (
    id           uuid PRIMARY KEY,
    product_id   uuid        NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    merchant_id  uuid        NOT NULL REFERENCES merchants (id),
    author_id    uuid REFERENCES users (id) ON DELETE SET NULL,
    rating       smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title        text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
    body         text        NOT NULL CHECK (char_length(body) <= 4000),
    status       text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PUBLISHED', 'REJECTED')),
    moderated_by uuid,
    moderated_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reviews_once_per_author UNIQUE (product_id, author_id)
);
-- The product page's list (published, newest first) and the moderation queues (per merchant, and all).
CREATE INDEX reviews_product ON reviews (product_id, id DESC) WHERE status = 'PUBLISHED';
CREATE INDEX reviews_merchant_queue ON reviews (merchant_id, status, id DESC);
CREATE INDEX reviews_queue ON reviews (status, id DESC);
CREATE INDEX reviews_author ON reviews (author_id) WHERE author_id IS NOT NULL;

-- The product's published reviews as a running count and sum, moved by the reviews module in the transaction
-- that publishes, rejects, edits or deletes a review (never recomputed on a read). rating_x100 is the average
-- times 100, truncated (0 without reviews): an integer the rating sort and filter use as their key.
ALTER TABLE products
    ADD COLUMN rating_count int    NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    ADD COLUMN rating_sum   bigint NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    ADD COLUMN rating_x100  int GENERATED ALWAYS AS
        (CASE WHEN rating_count > 0 THEN (rating_sum * 100 / rating_count)::int ELSE 0 END) STORED;
CREATE INDEX products_active_rating ON products (rating_x100 DESC, id DESC) WHERE status = 'ACTIVE';
CREATE INDEX products_category_rating ON products (category_id, rating_x100 DESC, id DESC) WHERE status = 'ACTIVE';

-- Order lines by product, for "did this customer receive this product" (reviews).
CREATE INDEX order_lines_product ON order_lines (product_id, order_id);
