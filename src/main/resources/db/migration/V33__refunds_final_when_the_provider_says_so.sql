-- A refund is final only when its provider says so: a success the provider later reports as failed is
-- reversed (the money is owed again), and a refund tried again goes to the provider under a new key.

-- The provider's idempotency key of the refund's current attempt, and which attempt that is. Refunds stored
-- before this keep the key they were sent with, so a pending one sent again is still recognised.
ALTER TABLE refunds ADD COLUMN attempt int NOT NULL DEFAULT 1 CHECK (attempt > 0);
ALTER TABLE refunds ADD COLUMN provider_key text;
UPDATE refunds SET provider_key = 'refund-' || id;
ALTER TABLE refunds ALTER COLUMN provider_key SET NOT NULL;
-- When a refund recorded as succeeded was reported failed by its provider (its effect undone).
ALTER TABLE refunds ADD COLUMN reversed_at timestamptz;

-- A refund recorded on the order that its provider later failed: it no longer counts.
ALTER TABLE order_refunds ADD COLUMN reversed_at timestamptz;
