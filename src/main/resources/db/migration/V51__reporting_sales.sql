-- Reporting's sales read models, fed by the orders' events and rebuilt from the orders on an admin's command.
-- An order counts once it is paid, on its payment day (UTC); its refunds count against it (a cohort view).
-- merchant_id '00000000-0000-0000-0000-000000000000' is the whole store: the order's own totals, so that a report
-- over every merchant counts an order of two merchants once.

-- One row per paid order and merchant (plus the whole-store row): what the order adds to the daily buckets.
CREATE TABLE report_order_facts (
    order_id       uuid    NOT NULL,
    merchant_id    uuid    NOT NULL,
    currency       char(3) NOT NULL,
    day            date    NOT NULL,
    customer_id    uuid,
    units          bigint  NOT NULL,
    gross_minor    bigint  NOT NULL,
    discount_minor bigint  NOT NULL,
    tax_minor      bigint  NOT NULL,
    shipping_minor bigint  NOT NULL,
    refunded_minor bigint  NOT NULL,
    total_minor    bigint  NOT NULL,
    PRIMARY KEY (order_id, merchant_id)
);
CREATE INDEX report_order_facts_customers ON report_order_facts (customer_id, day)
    WHERE merchant_id = '00000000-0000-0000-0000-000000000000' AND customer_id IS NOT NULL;
CREATE INDEX report_order_facts_days ON report_order_facts (merchant_id, day);

-- One row per paid order and product: what it adds to the products' daily buckets.
CREATE TABLE report_product_facts (
    order_id      uuid    NOT NULL,
    product_id    uuid    NOT NULL,
    merchant_id   uuid    NOT NULL,
    currency      char(3) NOT NULL,
    day           date    NOT NULL,
    units         bigint  NOT NULL,
    gross_minor   bigint  NOT NULL,
    revenue_minor bigint  NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

-- The products as last seen in an order (title) and the catalog (category), for breakdowns.
CREATE TABLE report_products (
    product_id  uuid PRIMARY KEY,
    merchant_id uuid NOT NULL,
    title       text NOT NULL,
    category_id uuid
);

-- Daily buckets per merchant (or the whole store) and currency: a 90-day report reads at most 90 rows a currency.
CREATE TABLE report_sales_daily (
    merchant_id    uuid    NOT NULL,
    currency       char(3) NOT NULL,
    day            date    NOT NULL,
    orders         bigint  NOT NULL,
    units          bigint  NOT NULL,
    gross_minor    bigint  NOT NULL,
    discount_minor bigint  NOT NULL,
    tax_minor      bigint  NOT NULL,
    shipping_minor bigint  NOT NULL,
    refunded_minor bigint  NOT NULL,
    total_minor    bigint  NOT NULL,
    PRIMARY KEY (merchant_id, currency, day)
);

-- Daily buckets per product and currency.
CREATE TABLE report_product_daily (
    product_id    uuid    NOT NULL,
    currency      char(3) NOT NULL,
    day           date    NOT NULL,
    merchant_id   uuid    NOT NULL,
    orders        bigint  NOT NULL,
    units         bigint  NOT NULL,
    gross_minor   bigint  NOT NULL,
    revenue_minor bigint  NOT NULL,
    PRIMARY KEY (product_id, currency, day)
);
CREATE INDEX report_product_daily_days ON report_product_daily (day, merchant_id);
