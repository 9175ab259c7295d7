-- Seeds :orders orders over the two years up to now into a Surge database, for the reports' timings. Run by
-- seed-orders.sh (psql -v orders=N). Uses the catalog there (the demo catalog of a server started with
-- --surge.demo.products=N, or the small one seed-orders.sh makes), buyers made here (seed-buyer-*@example.com,
-- a fifth of orders by guests), 1 to 3 lines an order in one currency, 10 % of orders with a 10 % discount, US
-- tax (7.25 %, prices without tax) and flat shipping under 100.00. Statuses: 5 % expired and 3 % cancelled before
-- payment (they never count), the rest paid: 4 % partially refunded (a third), 3 % refunded, the others delivered.
-- Deterministic for a given :orders (setseed). Every order and line passes the schema's checks.
\set ON_ERROR_STOP on
SELECT setseed(0.2026);

CREATE TEMP TABLE seed_variants AS
SELECT v.id AS variant_id, p.id AS product_id, p.merchant_id, v.sku, p.title AS product_title, v.title AS variant_title,
       v.price_minor, v.currency,
       row_number() OVER (PARTITION BY v.currency ORDER BY v.id) AS rn
FROM product_variants v JOIN products p ON p.id = v.product_id
WHERE v.price_minor > 0 AND v.currency IN ('USD', 'EUR', 'GBP');
CREATE INDEX ON seed_variants (currency, rn);
CREATE TEMP TABLE seed_currencies AS
SELECT currency, count(*) AS n, row_number() OVER (ORDER BY count(*) DESC) AS weight_rank FROM seed_variants GROUP BY currency;

INSERT INTO users (id, email, display_name, password_hash, role)
SELECT gen_random_uuid(), 'seed-buyer-' || g || '@example.com', 'Seed buyer ' || g, 'not-a-hash', 'CUSTOMER'
FROM generate_series(1, greatest(:orders / 20, 10)) g
ON CONFLICT DO NOTHING;
CREATE TEMP TABLE seed_buyers AS
SELECT id, row_number() OVER (ORDER BY id) AS rn FROM users WHERE email LIKE 'seed-buyer-%';

-- One row an order: when, whose, which currency, how many lines, what became of it.
CREATE TEMP TABLE seed_orders AS
SELECT g, gen_random_uuid() AS id,
       now() - (random() * interval '730 days') AS placed_at,
       CASE WHEN random() < 0.2 THEN NULL ELSE (1 + floor(random() * (SELECT count(*) FROM seed_buyers)))::bigint END AS buyer,
       (SELECT currency FROM seed_currencies
        WHERE weight_rank = least(CASE WHEN r < 0.7 THEN 1 WHEN r < 0.9 THEN 2 ELSE 3 END,
                                  (SELECT max(weight_rank) FROM seed_currencies))) AS currency,
       1 + floor(random() * 3)::int AS line_count,
       random() AS fate, random() < 0.1 AS discounted, floor(random() * 1000000)::bigint AS pick
FROM (SELECT g, random() AS r FROM generate_series(1, :orders) g) s;
-- Temporary tables get no statistics by themselves: without them the planner took a million orders for a
-- thousand and joined the lines below by nested loops (a run that had not finished after 15 minutes).
ANALYZE seed_variants;
ANALYZE seed_currencies;
ANALYZE seed_buyers;
ANALYZE seed_orders;

CREATE TEMP TABLE seed_lines AS
SELECT o.id AS order_id, i AS line_no, v.variant_id, v.product_id, v.merchant_id, v.sku, v.product_title,
       v.variant_title, 1 + ((o.g + i) % 3)::int AS quantity, v.price_minor AS unit_price_minor,
       CASE WHEN o.discounted THEN (v.price_minor * (1 + ((o.g + i) % 3)) / 10) ELSE 0 END AS discount_minor,
       o.placed_at
FROM seed_orders o
CROSS JOIN LATERAL generate_series(1, o.line_count) i
JOIN seed_currencies c ON c.currency = o.currency
JOIN seed_variants v ON v.currency = o.currency AND v.rn = 1 + ((o.pick + i - 1) % c.n);
DELETE FROM seed_lines a USING seed_lines b
WHERE a.order_id = b.order_id AND a.variant_id = b.variant_id AND a.line_no > b.line_no;

INSERT INTO orders (id, number, customer_id, email, guest_token_hash, idempotency_scope, idempotency_key, status,
    currency, item_count, subtotal_minor, tax_minor, shipping_minor, total_minor, prices_include_tax, tax_rate,
    shipping_address, billing_address, expires_at, paid_at, paid_minor, payment_reference, refunded_minor,
    discount_minor, closed_at, created_at, updated_at)
SELECT o.id, 'SEED-' || lpad(o.g::text, 8, '0'), b.id,
       CASE WHEN b.id IS NULL THEN 'seed-guest-' || o.g || '@example.com' END,
       CASE WHEN b.id IS NULL THEN '\x00'::bytea END,
       'seed', 'seed-' || o.g,
       CASE WHEN o.fate < 0.05 THEN 'EXPIRED' WHEN o.fate < 0.08 THEN 'CANCELLED'
            WHEN o.fate < 0.12 THEN 'PARTIALLY_REFUNDED' WHEN o.fate < 0.15 THEN 'REFUNDED' ELSE 'DELIVERED' END,
       o.currency, l.items, l.subtotal, l.tax, s.shipping, l.subtotal + l.tax + s.shipping, false, 0.0725,
       '{"name": "Seed Buyer", "line1": "1 Main St", "city": "Springfield", "postalCode": "12345", "country": "US", "region": "CA"}',
       '{"name": "Seed Buyer", "line1": "1 Main St", "city": "Springfield", "postalCode": "12345", "country": "US", "region": "CA"}',
       o.placed_at + interval '30 minutes',
       CASE WHEN o.fate >= 0.08 THEN o.placed_at + interval '2 minutes' END,
       CASE WHEN o.fate >= 0.08 THEN l.subtotal + l.tax + s.shipping END,
       CASE WHEN o.fate >= 0.08 THEN 'seed-pay-' || o.g END,
       CASE WHEN o.fate >= 0.08 AND o.fate < 0.12 THEN (l.subtotal + l.tax + s.shipping) / 3
            WHEN o.fate >= 0.12 AND o.fate < 0.15 THEN l.subtotal + l.tax + s.shipping ELSE 0 END,
       l.discount,
       CASE WHEN o.fate < 0.08 THEN o.placed_at + interval '30 minutes' END,
       o.placed_at, o.placed_at
FROM seed_orders o
JOIN (SELECT order_id, sum(quantity) AS items, sum(unit_price_minor * quantity - discount_minor) AS subtotal,
             sum(round((unit_price_minor * quantity - discount_minor) * 0.0725)::bigint) AS tax,
             sum(discount_minor) AS discount
      FROM seed_lines GROUP BY order_id) l ON l.order_id = o.id
CROSS JOIN LATERAL (SELECT CASE WHEN l.subtotal >= 10000 THEN 0 ELSE 599 END AS shipping) s
LEFT JOIN seed_buyers b ON b.rn = o.buyer;

INSERT INTO order_lines (order_id, line_no, variant_id, product_id, merchant_id, sku, product_title, variant_title,
    quantity, unit_price_minor, line_total_minor, tax_minor, discount_minor, created_at)
SELECT order_id, line_no, variant_id, product_id, merchant_id, sku, product_title, variant_title, quantity,
       unit_price_minor, unit_price_minor * quantity - discount_minor,
       round((unit_price_minor * quantity - discount_minor) * 0.0725)::bigint, discount_minor, placed_at
FROM seed_lines;

ANALYZE orders;
ANALYZE order_lines;
SELECT count(*) AS seeded_orders, count(*) FILTER (WHERE paid_at IS NOT NULL) AS paid FROM orders WHERE number LIKE 'SEED-%';
