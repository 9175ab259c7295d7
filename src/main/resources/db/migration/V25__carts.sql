-- Signed-in customers' carts, written behind from Redis (where carts live) by the cart flusher, and read
-- back only when Redis has lost a cart. Guest carts are never stored here.
CREATE TABLE carts (
    user_id    uuid        PRIMARY KEY,
    currency   char(3),
    -- the Redis cart's change counter when it was written; an older write never replaces a newer one
    version    bigint      NOT NULL,
    next_position bigint   NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cart_items (
    user_id          uuid   NOT NULL REFERENCES carts (user_id) ON DELETE CASCADE,
    -- no foreign key to product_variants: a line outlives its variant and is shown as unavailable
    variant_id       uuid   NOT NULL,
    quantity         int    NOT NULL CHECK (quantity > 0),
    price_seen_minor bigint NOT NULL CHECK (price_seen_minor >= 0),
    position         bigint NOT NULL,
    PRIMARY KEY (user_id, variant_id)
);
