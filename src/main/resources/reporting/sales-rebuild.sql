-- Recomputes reporting's sales read models from the orders' tables (see SalesRebuild, which runs this file in one
-- transaction; loadtest/db/seed-orders.sh runs it with psql after seeding). Statements end with a semicolon at the
-- end of a line. The rules are those of SalesFacts: the first line's merchant takes shipping, its discount, tax
-- rounding and the refund remainder; refunds are shared by the merchants' line totals.
TRUNCATE report_order_facts, report_product_facts, report_products, report_sales_daily, report_product_daily,
    report_customer_days, report_product_monthly, report_buyer_days;

INSERT INTO report_order_facts (order_id, merchant_id, currency, day, customer_id, units, gross_minor,
    discount_minor, tax_minor, shipping_minor, refunded_minor, total_minor)
WITH o AS (
    SELECT id, currency, (paid_at AT TIME ZONE 'UTC')::date AS day, customer_id, discount_minor, tax_minor,
        shipping_minor, refunded_minor, total_minor, prices_include_tax
    FROM orders WHERE paid_at IS NOT NULL),
m AS (
    SELECT l.order_id, l.merchant_id, sum(l.quantity) AS units, sum(l.unit_price_minor * l.quantity) AS gross,
        sum(l.discount_minor) AS disc, sum(l.tax_minor) AS tax, sum(l.line_total_minor) AS lt,
        min(l.line_no) AS first_line
    FROM order_lines l JOIN o ON o.id = l.order_id GROUP BY l.order_id, l.merchant_id),
s AS (
    SELECT m.*, o.currency, o.day, o.customer_id, o.discount_minor AS o_disc, o.tax_minor AS o_tax,
        o.shipping_minor AS o_ship, o.refunded_minor AS o_ref, o.total_minor AS o_total,
        m.first_line = min(m.first_line) OVER w AS is_first,
        sum(m.disc) OVER w AS all_disc, sum(m.tax) OVER w AS all_tax,
        CASE WHEN sum(m.lt) OVER w = 0 THEN 0 ELSE div(o.refunded_minor * m.lt, sum(m.lt) OVER w) END AS ref_share,
        m.lt + CASE WHEN o.prices_include_tax THEN 0 ELSE m.tax END AS own_total
    FROM m JOIN o ON o.id = m.order_id WINDOW w AS (PARTITION BY m.order_id))
SELECT order_id, merchant_id, currency, day, customer_id, units, gross,
    disc + CASE WHEN is_first THEN o_disc - all_disc ELSE 0 END,
    tax + CASE WHEN is_first THEN o_tax - all_tax ELSE 0 END,
    CASE WHEN is_first THEN o_ship ELSE 0 END,
    CASE WHEN is_first THEN o_ref - (sum(ref_share) OVER w2 - ref_share) ELSE ref_share END,
    CASE WHEN is_first THEN o_total - (sum(own_total) OVER w2 - own_total) ELSE own_total END
FROM s WINDOW w2 AS (PARTITION BY order_id)
UNION ALL
SELECT o.id, '00000000-0000-0000-0000-000000000000', o.currency, o.day, o.customer_id, sum(l.quantity),
    sum(l.unit_price_minor * l.quantity), o.discount_minor, o.tax_minor, o.shipping_minor, o.refunded_minor,
    o.total_minor
FROM o JOIN order_lines l ON l.order_id = o.id
GROUP BY o.id, o.currency, o.day, o.customer_id, o.discount_minor, o.tax_minor, o.shipping_minor,
    o.refunded_minor, o.total_minor;

INSERT INTO report_product_facts (order_id, product_id, merchant_id, currency, day, units, gross_minor,
    revenue_minor)
SELECT l.order_id, l.product_id, (array_agg(l.merchant_id ORDER BY l.line_no))[1], o.currency,
    (o.paid_at AT TIME ZONE 'UTC')::date, sum(l.quantity), sum(l.unit_price_minor * l.quantity),
    sum(l.line_total_minor)
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.paid_at IS NOT NULL
GROUP BY l.order_id, l.product_id, o.currency, o.paid_at;

INSERT INTO report_products (product_id, merchant_id, title, category_id)
SELECT DISTINCT ON (l.product_id) l.product_id, l.merchant_id, l.product_title, p.category_id
FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_id
WHERE o.paid_at IS NOT NULL
ORDER BY l.product_id, o.paid_at DESC, l.line_no DESC;

INSERT INTO report_sales_daily (merchant_id, currency, day, orders, units, gross_minor, discount_minor,
    tax_minor, shipping_minor, refunded_minor, total_minor)
SELECT merchant_id, currency, day, count(*), sum(units), sum(gross_minor), sum(discount_minor),
    sum(tax_minor), sum(shipping_minor), sum(refunded_minor), sum(total_minor)
FROM report_order_facts GROUP BY merchant_id, currency, day;

INSERT INTO report_product_daily (product_id, currency, day, merchant_id, orders, units, gross_minor,
    revenue_minor)
SELECT product_id, currency, day, min(merchant_id::text)::uuid, count(*), sum(units), sum(gross_minor),
    sum(revenue_minor)
FROM report_product_facts GROUP BY product_id, currency, day;

-- The products' months (see V63): their daily rows summed.
INSERT INTO report_product_monthly (product_id, currency, merchant_id, month, orders, units, gross_minor,
    revenue_minor)
SELECT product_id, currency, merchant_id, date_trunc('month', day::timestamp)::date, sum(orders), sum(units),
    sum(gross_minor), sum(revenue_minor)
FROM report_product_daily GROUP BY 1, 2, 3, 4;

-- The signed-in buyers' orders per day (see V64).
INSERT INTO report_buyer_days (customer_id, merchant_id, day, currency, orders)
SELECT customer_id, merchant_id, day, currency, count(*) FROM report_order_facts
WHERE customer_id IS NOT NULL GROUP BY 1, 2, 3, 4;

-- The customers report's days (see V62): each day's orders, and each customer's first and last day of every period
-- (day, week, month; per currency and for all), counted as new in the period of their first paid order.
INSERT INTO report_customer_days (merchant_id, unit, currency, day, period, orders, signed_in, firsts, lasts,
    new_firsts, new_lasts)
WITH x AS (
    SELECT f.merchant_id, f.customer_id, u.unit, c.currency, f.day, date_trunc(u.unit, f.day::timestamp)::date AS period
    FROM report_order_facts f CROSS JOIN (VALUES ('day'), ('week'), ('month')) u(unit)
        CROSS JOIN LATERAL (VALUES (f.currency::text), ('*')) c(currency)),
o AS (
    SELECT merchant_id, unit, currency, day, period, count(*) AS orders, count(customer_id) AS signed_in
    FROM x GROUP BY 1, 2, 3, 4, 5),
firsts AS (
    SELECT merchant_id, customer_id, min(day) AS first_day FROM report_order_facts
    WHERE customer_id IS NOT NULL GROUP BY 1, 2),
p AS (
    SELECT x.merchant_id, x.unit, x.currency, x.period, min(x.day) AS first_in, max(x.day) AS last_in,
        (date_trunc(x.unit, min(fi.first_day)::timestamp)::date = x.period)::int AS new
    FROM x JOIN firsts fi ON fi.merchant_id = x.merchant_id AND fi.customer_id = x.customer_id
    GROUP BY x.merchant_id, x.customer_id, x.unit, x.currency, x.period),
s AS (
    SELECT merchant_id, unit, currency, day, sum(firsts) AS firsts, sum(lasts) AS lasts,
        sum(new_firsts) AS new_firsts, sum(new_lasts) AS new_lasts
    FROM (SELECT merchant_id, unit, currency, first_in AS day, 1 AS firsts, 0 AS lasts, new AS new_firsts,
              0 AS new_lasts FROM p
          UNION ALL
          SELECT merchant_id, unit, currency, last_in, 0, 1, 0, new FROM p) e
    GROUP BY 1, 2, 3, 4)
SELECT o.merchant_id, o.unit, o.currency, o.day, o.period, o.orders, o.signed_in, coalesce(s.firsts, 0),
    coalesce(s.lasts, 0), coalesce(s.new_firsts, 0), coalesce(s.new_lasts, 0)
FROM o LEFT JOIN s ON s.merchant_id = o.merchant_id AND s.unit = o.unit AND s.currency = o.currency
    AND s.day = o.day;

TRUNCATE report_checkouts, report_checkouts_daily;

INSERT INTO report_checkouts (order_id, currency, day, customer_id)
SELECT id, currency, (created_at AT TIME ZONE 'UTC')::date, customer_id FROM orders;

INSERT INTO report_checkouts_daily (currency, day, checkouts)
SELECT currency, day, count(*) FROM report_checkouts GROUP BY currency, day;
