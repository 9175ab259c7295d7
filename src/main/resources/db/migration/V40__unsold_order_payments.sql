-- No charge for an order we no longer sell (issue 14, item 2).
--
-- 1. An unpaid order that expires or is cancelled has its open payments cancelled at the provider. Each
--    cancellation is a job row, retried with backoff until the provider answers or the tries run out; the
--    payment itself ends CANCELED (a later success at the provider is then a late payment, refunded).
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('INITIALIZED', 'SUCCEEDED', 'FAILED',
    'FLAGGED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELED'));

CREATE TABLE payment_cancellations (
    payment_id      uuid PRIMARY KEY REFERENCES payments (id),
    order_id        uuid        NOT NULL,
    reason          text        NOT NULL,            -- the order's new status: EXPIRED or CANCELLED
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    outcome         text,                            -- cancelled, already_final, succeeded_meanwhile, gave_up
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX payment_cancellations_due ON payment_cancellations (next_attempt_at) WHERE finished_at IS NULL;

-- 2. Money owed back for a payment that did not pay its order (late, second, wrong amount) is refunded by a
--    job: each row is claimed by one instance at a time (a lease in next_attempt_at), tried with backoff, and
--    ends requested (the provider took the refund; its confirmation settles the row) or given up (staff).
ALTER TABLE order_refunds_due
    ADD COLUMN attempts            int         NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_error          text,
    ADD COLUMN refund_requested_at timestamptz,
    ADD COLUMN gave_up_at          timestamptz;
CREATE INDEX order_refunds_due_auto ON order_refunds_due (next_attempt_at)
    WHERE settled_at IS NULL AND refund_requested_at IS NULL AND gave_up_at IS NULL;
