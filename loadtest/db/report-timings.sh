#!/usr/bin/env bash
# Times each sales report's query over the last 90 days (the SQL SalesQueries sends, with the whole store and with
# the busiest merchant), RUNS times one after the other on one connection with pgbench, and prints p50 and p95 in ms.
# Database time only: the HTTP figures (a few ms more: JSON, security) are measured by the lead on a quiet machine.
#   DB_NAME=surge_seed RUNS=100 loadtest/db/report-timings.sh
set -euo pipefail
DB_NAME="${DB_NAME:-surge_seed}"
RUNS="${RUNS:-100}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store='00000000-0000-0000-0000-000000000000'
merchant=$(psql -d "$DB_NAME" -qAt -c "SELECT merchant_id FROM report_sales_daily WHERE merchant_id <> '$store'
    GROUP BY 1 ORDER BY sum(orders) DESC LIMIT 1")
range="d.day BETWEEN current_date - 89 AND current_date AND d.orders > 0"
sums="sum(d.orders), sum(d.units), sum(d.gross_minor), sum(d.discount_minor), sum(d.tax_minor), sum(d.shipping_minor), sum(d.refunded_minor), sum(d.total_minor)"
declare -A queries=(
  [sales_day_store]="SELECT date_trunc('day', d.day::timestamp)::date, d.currency, $sums FROM report_sales_daily d WHERE d.merchant_id = '$store' AND $range GROUP BY 1, 2 ORDER BY 1, 2"
  [sales_week_merchant]="SELECT date_trunc('week', d.day::timestamp)::date, d.currency, $sums FROM report_sales_daily d WHERE d.merchant_id = '$merchant' AND $range GROUP BY 1, 2 ORDER BY 1, 2"
  [merchants]="SELECT d.merchant_id, d.currency, $sums FROM report_sales_daily d WHERE d.merchant_id <> '$store' AND $range GROUP BY 1, 2 ORDER BY sum(d.total_minor) DESC, 1, 2"
  [products_by_units]="SELECT d.product_id, d.currency, max(p.title), sum(d.orders), sum(d.units) AS units, sum(d.gross_minor), sum(d.revenue_minor) AS revenue FROM report_product_daily d LEFT JOIN report_products p ON p.product_id = d.product_id WHERE $range GROUP BY 1, 2 ORDER BY units DESC, revenue DESC, 1 LIMIT 10"
  [categories]="SELECT p.category_id, d.currency, sum(d.orders), sum(d.units), sum(d.gross_minor), sum(d.revenue_minor) AS revenue FROM report_product_daily d LEFT JOIN report_products p ON p.product_id = d.product_id WHERE $range GROUP BY 1, 2 ORDER BY revenue DESC, 1, 2"
  [customers_month_store]="WITH f AS (SELECT d.customer_id, date_trunc('month', d.day::timestamp)::date AS period FROM report_order_facts d WHERE d.merchant_id = '$store' AND d.day BETWEEN current_date - 89 AND current_date), firsts AS (SELECT c.customer_id, date_trunc('month', min(c.day)::timestamp)::date AS first_period FROM report_order_facts c WHERE c.merchant_id = '$store' AND c.customer_id IN (SELECT customer_id FROM f) GROUP BY c.customer_id) SELECT f.period, count(*), count(f.customer_id), count(DISTINCT f.customer_id), count(DISTINCT f.customer_id) FILTER (WHERE firsts.first_period = f.period) FROM f LEFT JOIN firsts ON firsts.customer_id = f.customer_id GROUP BY f.period ORDER BY f.period"
)
printf '%-24s %8s %8s\n' report p50_ms p95_ms
for name in sales_day_store sales_week_merchant merchants products_by_units categories customers_month_store; do
  echo "${queries[$name]};" > "$work/$name.sql"
  (cd "$work" && pgbench -n -f "$name.sql" -t "$RUNS" -c 1 -l --log-prefix="$name" "$DB_NAME" >/dev/null)
  # pgbench log: client_id transaction_no time_us script_no time_epoch time_us_epoch
  awk '{print $3}' "$work/$name".* | sort -n | awk -v name="$name" '{a[NR]=$1} END {
      printf "%-24s %8.1f %8.1f\n", name, a[int(NR*0.5)]/1000, a[int(NR*0.95)]/1000}'
done
