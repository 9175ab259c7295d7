-- Wishlists (wishlists module): the variants a signed-in customer keeps an eye on, at most one row per
-- (customer, variant). With notify on, the customer is emailed once per change when the variant comes back in
-- stock or its price drops: seen_in_stock / seen_price_minor are what the customer was last told (or saw when
-- adding it), moved by conditional updates so each change alerts once; stock_version ignores inventory events
-- older than the last one applied (they are not ordered across relays).
CREATE TABLE wishlist_items (
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    variant_id       uuid        NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    product_id       uuid        NOT NULL,
    notify           boolean     NOT NULL DEFAULT false,
    seen_price_minor bigint      NOT NULL CHECK (seen_price_minor >= 0),
    currency         char(3)     NOT NULL,
    seen_in_stock    boolean     NOT NULL,
    stock_version    bigint      NOT NULL DEFAULT -1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, variant_id)
);
CREATE INDEX wishlist_items_list ON wishlist_items (user_id, created_at DESC);
CREATE INDEX wishlist_items_variant ON wishlist_items (variant_id) WHERE notify;
CREATE INDEX wishlist_items_product ON wishlist_items (product_id) WHERE notify;
