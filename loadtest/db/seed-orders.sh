#!/usr/bin/env bash
# Seeds ORDERS orders over two years into a database of their own and fills reporting's sales read models with
# the rebuild's own SQL (src/main/resources/reporting/sales-rebuild.sql, the script POST
# /api/v1/admin/reports/sales/rebuild runs), then times each report's query over the last 90 days.
#
#   loadtest/db/seed-orders.sh                       # 1,000,000 orders into surge_seed
#   ORDERS=10000 DB_NAME=surge_rep_seed loadtest/db/seed-orders.sh
#
# Environment: ORDERS (1000000), DB_NAME (surge_seed; never the local run's or the tests' databases), PGHOST
# (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD. A database that does not exist is created and given
# the schema by applying src/main/resources/db/migration in version order with psql (no Flyway history: to serve
# it with Surge afterwards, start Surge on a fresh database instead and seed that, with
# --surge.demo.products=N for the demo catalog). Without products in it, a small catalog is made (3 merchants,
# 10 categories, 600 products in USD, EUR and GBP). Orders are seeded once: a database that has them is only
# rebuilt and timed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ORDERS="${ORDERS:-1000000}"
DB_NAME="${DB_NAME:-surge_seed}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
case "$DB_NAME" in surge|surge_test*|surge_load) echo "refusing to seed $DB_NAME: use a database of its own" >&2; exit 2;; esac

q() { psql -d "$DB_NAME" -v ON_ERROR_STOP=1 -qAt "$@"; }

if ! psql -d postgres -qAt -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  psql -d postgres -q -c "CREATE DATABASE \"$DB_NAME\""
fi
if [ "$(q -c "SELECT to_regclass('public.orders') IS NOT NULL")" != "t" ]; then
  echo "applying migrations to $DB_NAME"
  for f in $(cd "$ROOT/src/main/resources/db/migration" && ls V*__*.sql | sort -V); do
    q -1 -f "$ROOT/src/main/resources/db/migration/$f" >/dev/null
  done
fi
if [ "$(q -c "SELECT count(*) FROM product_variants WHERE price_minor > 0")" -lt 20 ]; then
  echo "making a small catalog"
  q <<'SQL'
INSERT INTO merchants (id, slug, name) SELECT gen_random_uuid(), 'seed-shop-' || g, 'Seed shop ' || g FROM generate_series(1, 3) g;
INSERT INTO categories (id, slug, name) SELECT gen_random_uuid(), 'seed-cat-' || g, 'Seed category ' || g FROM generate_series(1, 10) g;
WITH m AS (SELECT id, row_number() OVER (ORDER BY slug) AS rn FROM merchants WHERE slug LIKE 'seed-shop-%'),
     c AS (SELECT id, row_number() OVER (ORDER BY slug) AS rn FROM categories WHERE slug LIKE 'seed-cat-%'),
     p AS (SELECT g, gen_random_uuid() AS id, (ARRAY['USD', 'EUR', 'GBP'])[1 + g % 3] AS currency,
                  500 + (g * 7919) % 20000 AS price FROM generate_series(1, 600) g),
     ins AS (INSERT INTO products (id, merchant_id, category_id, slug, title, price_minor, currency)
             SELECT p.id, m.id, c.id, 'seed-product-' || p.g, 'Seed product ' || p.g, p.price, p.currency
             FROM p JOIN m ON m.rn = 1 + p.g % 3 JOIN c ON c.rn = 1 + p.g % 10 RETURNING id, price_minor, currency, slug)
INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, stock_on_hand)
SELECT gen_random_uuid(), id, 'SEED-' || slug, 'Default', price_minor, currency, 1000000 FROM ins;
SQL
fi
if [ "$(q -c "SELECT count(*) FROM orders WHERE number LIKE 'SEED-%'")" = "0" ]; then
  echo "seeding $ORDERS orders into $DB_NAME"
  start=$(date +%s)
  q -v orders="$ORDERS" -f "$ROOT/loadtest/db/seed-orders.sql"
  echo "seeded in $(( $(date +%s) - start )) s"
fi
echo "rebuilding the sales read models"
start=$(date +%s%N)
q -1 -f "$ROOT/src/main/resources/reporting/sales-rebuild.sql" >/dev/null
echo "rebuilt in $(( ($(date +%s%N) - start) / 1000000 )) ms: $(q -c "SELECT count(*) FROM report_order_facts WHERE merchant_id = '00000000-0000-0000-0000-000000000000'") paid orders, $(q -c "SELECT count(*) FROM report_sales_daily") daily buckets"
q -c "ANALYZE report_order_facts; ANALYZE report_product_facts; ANALYZE report_products; ANALYZE report_sales_daily; ANALYZE report_product_daily; ANALYZE report_customer_days; ANALYZE report_product_monthly; ANALYZE report_buyer_days;"
"$ROOT/loadtest/db/report-timings.sh"
