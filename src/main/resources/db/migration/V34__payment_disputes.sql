-- Disputes (chargebacks) of payments: what the providers' dispute events say, kept for finance, and a mark on
-- the order.

-- A stored dispute event carries the dispute as the provider reported it, so the retry job applies it alike.
ALTER TABLE payment_events ADD COLUMN dispute_reference text;
ALTER TABLE payment_events ADD COLUMN dispute_status text;
ALTER TABLE payment_events ADD COLUMN dispute_provider_status text;
ALTER TABLE payment_events ADD COLUMN dispute_reason text;

-- One row per provider dispute; closed ones (WON, LOST) stay closed.
CREATE TABLE payment_disputes (
    id                 uuid PRIMARY KEY,
    provider           text        NOT NULL,
    dispute_reference  text        NOT NULL,
    payment_id         uuid        NOT NULL REFERENCES payments (id),
    order_id           uuid        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('NEEDS_RESPONSE', 'UNDER_REVIEW', 'WON', 'LOST')),
    provider_status    text,
    reason             text,
    amount_minor       bigint,
    currency           char(3),
    opened_at          timestamptz NOT NULL DEFAULT now(),
    closed_at          timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payment_disputes_reference UNIQUE (provider, dispute_reference)
);
CREATE INDEX payment_disputes_open ON payment_disputes (opened_at, id) WHERE closed_at IS NULL;
CREATE INDEX payment_disputes_payment ON payment_disputes (payment_id);

-- The order's dispute, as finance and its reader see it: OPEN while one is, then WON or LOST (LOST stays).
ALTER TABLE orders ADD COLUMN dispute text CHECK (dispute IN ('OPEN', 'WON', 'LOST'));
