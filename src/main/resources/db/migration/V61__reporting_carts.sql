-- Reporting's cart counts (issue 15, carts and conversion): carts started and carts given their first line, per
-- UTC day, as each application instance counted them in memory (the cart scripts decide it; nothing is written
-- per cart request). Each instance writes its own running totals under its own id, whole values never added to
-- (an UPSERT that keeps the greater), so a repeated or retried write changes nothing; a report sums the instances.
CREATE TABLE report_cart_counts (
    instance_id uuid        NOT NULL,
    day         date        NOT NULL,
    started     bigint      NOT NULL CHECK (started >= 0),
    with_items  bigint      NOT NULL CHECK (with_items >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, day)
);

CREATE INDEX report_cart_counts_day ON report_cart_counts (day);

-- The abandoned-carts report reads signed-in carts (the cart module's write-behind copy) by their last change.
CREATE INDEX carts_updated_at ON carts (updated_at);
