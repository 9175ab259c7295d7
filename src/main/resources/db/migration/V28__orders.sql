-- Orders: what a customer or guest bought, priced on the server at checkout, and where it is in its life.
-- Money is integer minor units of the order's currency; every total is fixed at checkout.
CREATE TABLE orders (
    id                uuid PRIMARY KEY,
    number            text        NOT NULL UNIQUE,
    customer_id       uuid REFERENCES users (id),
    email             text,
    guest_token_hash  bytea,
    idempotency_scope text        NOT NULL,
    idempotency_key   text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'FULFILLING', 'SHIPPED',
                                      'DELIVERED', 'CANCELLED', 'EXPIRED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    currency          char(3)     NOT NULL,
    item_count        int         NOT NULL CHECK (item_count > 0),
    subtotal_minor    bigint      NOT NULL CHECK (subtotal_minor >= 0),
    tax_minor         bigint      NOT NULL CHECK (tax_minor >= 0),
    shipping_minor    bigint      NOT NULL CHECK (shipping_minor >= 0),
    total_minor       bigint      NOT NULL CHECK (total_minor >= 0),
    prices_include_tax boolean    NOT NULL,
    tax_rate          numeric(7, 4) NOT NULL,
    shipping_address  jsonb       NOT NULL,
    billing_address   jsonb       NOT NULL,
    expires_at        timestamptz NOT NULL,
    paid_at           timestamptz,
    paid_minor        bigint,
    payment_reference text,
    refunded_minor    bigint      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    carrier           text,
    tracking_number   text,
    shipped_at        timestamptz,
    delivered_at      timestamptz,
    closed_at         timestamptz,
    stock_to_return   boolean     NOT NULL DEFAULT false,
    stock_returned_at timestamptz,
    version           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- a retried checkout (same caller, same Idempotency-Key) can never make a second order
    CONSTRAINT orders_idempotency UNIQUE (idempotency_scope, idempotency_key),
    CONSTRAINT orders_owner CHECK (customer_id IS NOT NULL OR (email IS NOT NULL AND guest_token_hash IS NOT NULL)),
    CONSTRAINT orders_total CHECK (total_minor = subtotal_minor + shipping_minor
        + CASE WHEN prices_include_tax THEN 0 ELSE tax_minor END),
    CONSTRAINT orders_refund_within_paid CHECK (refunded_minor <= coalesce(paid_minor, 0))
);
CREATE INDEX orders_customer ON orders (customer_id, id DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX orders_status ON orders (status, id DESC);
CREATE INDEX orders_due ON orders (expires_at) WHERE status = 'PENDING_PAYMENT';
CREATE INDEX orders_restock_due ON orders (id) WHERE stock_to_return AND stock_returned_at IS NULL;
CREATE INDEX orders_email ON orders (lower(email)) WHERE email IS NOT NULL;

-- One line per variant and price: a flash-sale hold taken over at checkout is its own line at the sale price.
CREATE TABLE order_lines (
    order_id         uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          int         NOT NULL CHECK (line_no > 0),
    variant_id       uuid        NOT NULL REFERENCES product_variants (id),
    product_id       uuid        NOT NULL,
    merchant_id      uuid        NOT NULL REFERENCES merchants (id),
    sku              text        NOT NULL,
    product_title    text        NOT NULL,
    variant_title    text        NOT NULL,
    quantity         int         NOT NULL CHECK (quantity > 0),
    unit_price_minor bigint      NOT NULL CHECK (unit_price_minor >= 0),
    line_total_minor bigint      NOT NULL CHECK (line_total_minor >= 0),
    tax_minor        bigint      NOT NULL CHECK (tax_minor >= 0),
    flash_sale_id    uuid,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_total CHECK (line_total_minor = unit_price_minor * quantity)
);
CREATE INDEX order_lines_merchant ON order_lines (merchant_id, order_id DESC, line_no DESC);

-- The stock reservations an order holds. A reservation backs at most one order, so two checkouts cannot
-- both take over the same flash-sale hold.
CREATE TABLE order_reservations (
    reservation_id uuid PRIMARY KEY REFERENCES stock_reservations (id),
    order_id       uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE
);
CREATE INDEX order_reservations_order ON order_reservations (order_id);

-- Every status change: who, when, from, to and why.
CREATE TABLE order_status_history (
    id          uuid PRIMARY KEY,
    order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status text,
    to_status   text        NOT NULL,
    actor_id    uuid,
    actor_role  text        NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order ON order_status_history (order_id, created_at, id);

-- Money to give back: a payment for an order that had expired or was cancelled, a second payment, a wrong
-- amount, a paid order cancelled. One row per payment and reason; settled when the refund is recorded.
CREATE TABLE order_refunds_due (
    id                uuid PRIMARY KEY,
    order_id          uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    reason            text        NOT NULL,
    payment_reference text        NOT NULL,
    amount_minor      bigint      NOT NULL CHECK (amount_minor >= 0),
    currency          char(3)     NOT NULL,
    refunded_minor    bigint      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    settled_at        timestamptz,
    CONSTRAINT order_refunds_due_once UNIQUE (order_id, payment_reference, reason)
);
CREATE INDEX order_refunds_due_open ON order_refunds_due (order_id) WHERE settled_at IS NULL;

-- Refunds recorded against an order, once per refund reference (a provider may announce one twice).
CREATE TABLE order_refunds (
    order_id         uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    refund_reference text        NOT NULL,
    amount_minor     bigint      NOT NULL CHECK (amount_minor > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, refund_reference)
);
