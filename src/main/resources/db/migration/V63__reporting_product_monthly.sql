-- Monthly buckets per product, currency and merchant: the sums of report_product_daily's rows of the month (a daily
-- row's merchant_id is the product's merchant when it was first sold that day). The top products and categories
-- reports read whole months here and only the range's cut months' days from report_product_daily: sums add up, so
-- the figures are the daily rows' exactly, from about a third of the rows for a 90-day range.
CREATE TABLE report_product_monthly (
    product_id    uuid    NOT NULL,
    currency      char(3) NOT NULL,
    merchant_id   uuid    NOT NULL,
    month         date    NOT NULL,
    orders        bigint  NOT NULL,
    units         bigint  NOT NULL,
    gross_minor   bigint  NOT NULL,
    revenue_minor bigint  NOT NULL,
    PRIMARY KEY (product_id, currency, merchant_id, month)
);
CREATE INDEX report_product_monthly_months ON report_product_monthly (month, merchant_id);

-- The months of the daily rows already there (the same statement as reporting/sales-rebuild.sql).
INSERT INTO report_product_monthly (product_id, currency, merchant_id, month, orders, units, gross_minor,
    revenue_minor)
SELECT product_id, currency, merchant_id, date_trunc('month', day::timestamp)::date, sum(orders), sum(units),
    sum(gross_minor), sum(revenue_minor)
FROM report_product_daily GROUP BY 1, 2, 3, 4;
