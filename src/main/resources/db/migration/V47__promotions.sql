-- Promotions: coupon codes and automatic promotions, their redemptions, and each customer's uses.
-- The cap is enforced by a conditional UPDATE of promotions.redeemed in the checkout's transaction (and a
-- CHECK as the last line of defence); a redemption is one row per (promotion, order).
CREATE TABLE promotions (
    id                  uuid PRIMARY KEY,
    merchant_id         uuid REFERENCES merchants (id),   -- the seller's merchant that owns it; null: the platform's
    name                text        NOT NULL,
    code                text,                             -- upper case; null for an automatic promotion
    kind                text        NOT NULL CHECK (kind IN ('PERCENTAGE', 'FIXED_AMOUNT', 'FREE_SHIPPING')),
    percent_off         int         CHECK (percent_off BETWEEN 1 AND 100),
    amounts_off         jsonb       NOT NULL DEFAULT '{}',  -- currency -> minor units off (FIXED_AMOUNT)
    scope               text        NOT NULL CHECK (scope IN ('CART', 'PRODUCTS', 'CATEGORIES', 'MERCHANT')),
    scope_ids           uuid[]      NOT NULL DEFAULT '{}',
    minimum_subtotal    jsonb       NOT NULL DEFAULT '{}',  -- currency -> minor units of the eligible lines
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz,
    per_customer_limit  int         CHECK (per_customer_limit > 0),
    redemption_cap      int         CHECK (redemption_cap > 0),
    redeemed            int         NOT NULL DEFAULT 0,
    combinable          boolean     NOT NULL DEFAULT false,
    active              boolean     NOT NULL DEFAULT true,
    version             bigint      NOT NULL DEFAULT 0,
    created_by          uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT promotions_redeemed CHECK (redeemed >= 0 AND (redemption_cap IS NULL OR redeemed <= redemption_cap)),
    CONSTRAINT promotions_window CHECK (ends_at IS NULL OR ends_at > starts_at),
    CONSTRAINT promotions_code_upper CHECK (code IS NULL OR code = upper(code))
);
-- One live promotion per code: a deactivated code may be used again by a new promotion.
CREATE UNIQUE INDEX promotions_live_code ON promotions (code) WHERE code IS NOT NULL AND active;
CREATE INDEX promotions_merchant ON promotions (merchant_id, id DESC);
CREATE INDEX promotions_live ON promotions (id) WHERE active;

-- One row per promotion an order redeemed; released_at set once when the order is cancelled or expires.
CREATE TABLE promotion_redemptions (
    id             uuid PRIMARY KEY,
    promotion_id   uuid        NOT NULL REFERENCES promotions (id),
    order_id       uuid        NOT NULL,
    customer_key   text        NOT NULL,
    discount_minor bigint      NOT NULL CHECK (discount_minor >= 0),
    currency       char(3)     NOT NULL,
    redeemed_at    timestamptz NOT NULL DEFAULT now(),
    released_at    timestamptz,
    CONSTRAINT promotion_redemptions_once UNIQUE (promotion_id, order_id)
);
CREATE INDEX promotion_redemptions_order ON promotion_redemptions (order_id);

-- Redemptions held by one customer (user:<id>, or email:<SHA-256 of the lower-case
-- address> for guests: no address is stored), for the per-customer limit.
CREATE TABLE promotion_customer_uses (
    promotion_id uuid NOT NULL REFERENCES promotions (id),
    customer_key text NOT NULL,
    uses         int  NOT NULL CHECK (uses >= 0),
    PRIMARY KEY (promotion_id, customer_key)
);
