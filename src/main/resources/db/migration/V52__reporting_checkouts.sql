-- Reporting's checkouts: one row per order placed (fed by OrderPlaced, rebuilt from orders), and daily buckets per
-- currency, for the conversion report (checkouts against paid orders).
CREATE TABLE report_checkouts (
    order_id    uuid    PRIMARY KEY,
    currency    char(3) NOT NULL,
    day         date    NOT NULL,
    customer_id uuid
);

CREATE TABLE report_checkouts_daily (
    currency  char(3) NOT NULL,
    day       date    NOT NULL,
    checkouts bigint  NOT NULL,
    PRIMARY KEY (currency, day)
);
