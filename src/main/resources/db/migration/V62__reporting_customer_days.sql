-- The customers report's read model: per merchant (or the whole store, merchant 00000000-...), unit of interval
-- (day, week, month), currency ('*' for every currency) and day, what that day adds to its period:
--   orders, signed_in: the paid orders of the day (guests are orders - signed_in);
--   firsts / lasts: the customers whose first / last order of the period (in that currency) is on this day;
--   new_firsts / new_lasts: the same, counting only the customers new in the period (whose first paid order ever,
--   in any currency, of this merchant or of the store, falls in it).
-- A report sums the days of its range per period: a whole period or one cut by the range's end counts its
-- customers with sum(firsts) (each customer once, on their first day of the period), a period cut by the range's
-- start with sum(lasts); a 90-day report reads at most 90 rows. SalesFactWriter keeps the rows up to date with the
-- facts (in their transaction: a customer's share is taken out and put back from all their facts), the rebuild
-- recomputes them from report_order_facts.
CREATE TABLE report_customer_days (
    merchant_id uuid   NOT NULL,
    unit        text   NOT NULL CHECK (unit IN ('day', 'week', 'month')),
    currency    text   NOT NULL,
    day         date   NOT NULL,
    period      date   NOT NULL,
    orders      bigint NOT NULL,
    signed_in   bigint NOT NULL,
    firsts      bigint NOT NULL,
    lasts       bigint NOT NULL,
    new_firsts  bigint NOT NULL,
    new_lasts   bigint NOT NULL,
    PRIMARY KEY (merchant_id, unit, currency, day)
);

-- A customer's facts of one merchant (or the store), for their share of the days above.
CREATE INDEX report_order_facts_buyers ON report_order_facts (customer_id, merchant_id, day)
    WHERE customer_id IS NOT NULL;
DROP INDEX report_order_facts_customers;

-- The rows of the facts already there (the same statement as reporting/sales-rebuild.sql).
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
