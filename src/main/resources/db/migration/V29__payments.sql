-- Payments of orders through a gateway, the provider events that move them (each applied once), refunds,
-- and reconciliation against the providers' own lists.
CREATE TABLE payments (
    id                 uuid PRIMARY KEY,          -- also our reference at the provider (metadata / reference)
    order_id           uuid        NOT NULL REFERENCES orders (id),
    provider           text        NOT NULL,
    provider_reference text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('INITIALIZED', 'SUCCEEDED', 'FAILED', 'FLAGGED',
                                       'PARTIALLY_REFUNDED', 'REFUNDED')),
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    currency           char(3)     NOT NULL,
    received_minor     bigint,                    -- what the provider says it took (may differ: flagged)
    received_currency  char(3),
    refunded_minor     bigint      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    client_secret      text,
    authorization_url  text,
    flag               text,                      -- why it needs a human: amount_mismatch, late_payment...
    order_outcome      text,                      -- what orders answered to markPaid
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_provider_reference UNIQUE (provider, provider_reference),
    CONSTRAINT payments_refund_within_received CHECK (refunded_minor <= greatest(amount_minor, coalesce(received_minor, 0)))
);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_created ON payments (provider, created_at);
-- At most one open payment per order and provider: a second initialize answers the open one.
CREATE UNIQUE INDEX payments_one_open ON payments (order_id, provider) WHERE status = 'INITIALIZED';

-- Every verified webhook event, stored before it is answered; (provider, event_id) makes repeats no-ops.
CREATE TABLE payment_events (
    provider            text        NOT NULL,
    event_id            text        NOT NULL,
    type                text        NOT NULL,
    provider_event_type text,
    provider_reference  text,
    payment_reference   text,
    refund_reference    text,
    amount_minor        bigint,
    currency            char(3),
    occurred_at         timestamptz,
    received_at         timestamptz NOT NULL DEFAULT now(),
    payment_id          uuid,
    processed_at        timestamptz,
    outcome             text,       -- applied, duplicate, stale_ignored, amount_mismatch, late, ignored...
    attempts            int         NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    last_error          text,
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX payment_events_pending ON payment_events (next_attempt_at) WHERE processed_at IS NULL;

CREATE TABLE refunds (
    id               uuid PRIMARY KEY,
    payment_id       uuid        NOT NULL REFERENCES payments (id),
    provider         text        NOT NULL,
    refund_reference text,                        -- the provider's id, once known
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    amount_minor     bigint      NOT NULL CHECK (amount_minor > 0),
    currency         char(3)     NOT NULL,
    idempotency_key  text,
    requested_by     uuid,
    recorded_at      timestamptz,                 -- when the order was told (once per refund)
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refunds_reference UNIQUE (provider, refund_reference),
    CONSTRAINT refunds_key UNIQUE (payment_id, idempotency_key)
);
CREATE INDEX refunds_payment ON refunds (payment_id);

CREATE TABLE payment_reconciliation_runs (
    id          uuid PRIMARY KEY,
    window_from timestamptz NOT NULL,
    window_to   timestamptz NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    compared    int         NOT NULL DEFAULT 0,
    mismatches  int         NOT NULL DEFAULT 0
);

CREATE TABLE payment_mismatches (
    id                 uuid PRIMARY KEY,
    run_id             uuid        NOT NULL REFERENCES payment_reconciliation_runs (id),
    provider           text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('MISSING_HERE', 'MISSING_AT_PROVIDER', 'AMOUNT_DIFFERS',
                                       'STATUS_DIFFERS')),
    payment_id         uuid,
    provider_reference text,
    our_status         text,
    provider_status    text,
    our_amount_minor   bigint,
    provider_amount_minor bigint,
    currency           char(3),
    detected_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_mismatches_run ON payment_mismatches (run_id);
CREATE INDEX payment_mismatches_detected ON payment_mismatches (detected_at DESC);
