-- A signed-in buyer's paid orders per merchant (or the whole store, merchant 00000000-...), day and currency: the
-- facts of report_order_facts counted per day. SalesFactWriter moves a buyer's share of report_customer_days (their
-- first and last day of every period, new or not) from these rows, and the customers report looks up a buyer's first
-- day here: a paid order costs one row per day the buyer has bought on, where it cost one row per order before (a
-- buyer with ten thousand orders made every one of their paid orders scan all of them, twice). Kept in the facts'
-- own statements; a day whose orders were all withdrawn keeps a row of 0 (read as absent) until the rebuild.
CREATE TABLE report_buyer_days (
    customer_id uuid   NOT NULL,
    merchant_id uuid   NOT NULL,
    day         date   NOT NULL,
    currency    text   NOT NULL,
    orders      bigint NOT NULL,
    PRIMARY KEY (customer_id, merchant_id, day, currency)
);

INSERT INTO report_buyer_days (customer_id, merchant_id, day, currency, orders)
SELECT customer_id, merchant_id, day, currency, count(*) FROM report_order_facts
WHERE customer_id IS NOT NULL GROUP BY 1, 2, 3, 4;

-- Its only readers now read report_buyer_days; one index less to keep up per fact written.
DROP INDEX report_order_facts_buyers;
