-- Emails to buyers and merchants: one row per (event, template, recipient), written by the event handler in
-- the transaction that marks the event handled, then sent by the dispatcher (rows claimed with SKIP LOCKED,
-- retried with backoff until max attempts, then FAILED). The unique key is what keeps a redelivered event
-- from sending a second email.
CREATE TABLE notifications (
    id              uuid PRIMARY KEY,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    template        text        NOT NULL,
    recipient       text        NOT NULL,
    subject         text        NOT NULL,
    model           jsonb       NOT NULL,
    order_id        uuid,
    merchant_id     uuid,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    CONSTRAINT notifications_once UNIQUE (event_id, template, recipient)
);
-- The dispatcher's claim: only what is still to be sent.
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'PENDING';
-- The admin list: newest first, optionally by status, recipient or order.
CREATE INDEX notifications_created ON notifications (created_at DESC, id DESC);
CREATE INDEX notifications_recipient ON notifications (lower(recipient), created_at DESC);
CREATE INDEX notifications_order ON notifications (order_id, created_at DESC) WHERE order_id IS NOT NULL;

-- Variants that fell below their threshold since their merchant's last low-stock digest: one row per variant
-- (a second crossing before the digest updates it), deleted when the digest is written.
CREATE TABLE low_stock_pending (
    merchant_id uuid        NOT NULL,
    variant_id  uuid        NOT NULL,
    sku         text        NOT NULL,
    title       text        NOT NULL,
    available   int         NOT NULL,
    threshold   int         NOT NULL,
    noticed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, variant_id)
);

-- Where a merchant's notices go (new orders, low stock); without one, they go to the merchant's active sellers.
ALTER TABLE merchants ADD COLUMN contact_email text;
