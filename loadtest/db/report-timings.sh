#!/usr/bin/env bash
# Times each sales report's query over the last 90 days (the SQL SalesQueries sends, with the whole store and with
# the busiest merchant; the customers report's from report_customer_days, V62), RUNS times one after the other on one connection with pgbench, and prints p50 and p95 in ms.
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
# The products' buckets of the range (as SalesQueries reads them, V63): whole months from report_product_monthly,
# the days of the months the range cuts from report_product_daily.
whole_from="(CASE WHEN extract(day FROM current_date - 89) = 1 THEN current_date - 89 ELSE (date_trunc('month', current_date - 89) + interval '1 month')::date END)"
whole_to="(date_trunc('month', current_date + 1)::date)"
product_rows="(SELECT m.product_id, m.currency, m.merchant_id, m.orders, m.units, m.gross_minor, m.revenue_minor FROM report_product_monthly m WHERE m.month >= $whole_from AND m.month < $whole_to UNION ALL SELECT d.product_id, d.currency, d.merchant_id, d.orders, d.units, d.gross_minor, d.revenue_minor FROM report_product_daily d WHERE d.day BETWEEN current_date - 89 AND $whole_from - 1 OR d.day BETWEEN $whole_to AND current_date) d"
declare -A queries=(
  [sales_day_store]="SELECT date_trunc('day', d.day::timestamp)::date, d.currency, $sums FROM report_sales_daily d WHERE d.merchant_id = '$store' AND $range GROUP BY 1, 2 ORDER BY 1, 2"
  [sales_week_merchant]="SELECT date_trunc('week', d.day::timestamp)::date, d.currency, $sums FROM report_sales_daily d WHERE d.merchant_id = '$merchant' AND $range GROUP BY 1, 2 ORDER BY 1, 2"
  [merchants]="SELECT d.merchant_id, d.currency, $sums FROM report_sales_daily d WHERE d.merchant_id <> '$store' AND $range GROUP BY 1, 2 ORDER BY sum(d.total_minor) DESC, 1, 2"
  [products_by_units]="SELECT d.product_id, d.currency, max(p.title), sum(d.orders), sum(d.units) AS units, sum(d.gross_minor), sum(d.revenue_minor) AS revenue FROM $product_rows LEFT JOIN report_products p ON p.product_id = d.product_id WHERE d.orders > 0 GROUP BY 1, 2 ORDER BY units DESC, revenue DESC, 1, 2 LIMIT 10"
  [products_from_days]="SELECT d.product_id, d.currency, max(p.title), sum(d.orders), sum(d.units) AS units, sum(d.gross_minor), sum(d.revenue_minor) AS revenue FROM report_product_daily d LEFT JOIN report_products p ON p.product_id = d.product_id WHERE $range GROUP BY 1, 2 ORDER BY units DESC, revenue DESC, 1, 2 LIMIT 10"
  [categories]="SELECT p.category_id, d.currency, sum(d.orders), sum(d.units), sum(d.gross_minor), sum(d.revenue_minor) AS revenue FROM $product_rows LEFT JOIN report_products p ON p.product_id = d.product_id WHERE d.orders > 0 GROUP BY 1, 2 ORDER BY revenue DESC, 1, 2"
  [customers_month_store]="SELECT d.period, sum(d.orders), sum(d.signed_in), CASE WHEN d.period >= current_date - 89 THEN sum(d.firsts) ELSE sum(d.lasts) END, CASE WHEN d.period >= current_date - 89 THEN sum(d.new_firsts) ELSE sum(d.new_lasts) END FROM report_customer_days d WHERE d.merchant_id = '$store' AND d.unit = 'month' AND d.currency = '*' AND d.day BETWEEN current_date - 89 AND current_date GROUP BY d.period HAVING sum(d.orders) > 0 ORDER BY d.period"
  [customers_week_merchant]="SELECT d.period, sum(d.orders), sum(d.signed_in), CASE WHEN d.period >= current_date - 89 THEN sum(d.firsts) ELSE sum(d.lasts) END, CASE WHEN d.period >= current_date - 89 THEN sum(d.new_firsts) ELSE sum(d.new_lasts) END FROM report_customer_days d WHERE d.merchant_id = '$merchant' AND d.unit = 'week' AND d.currency = '*' AND d.day BETWEEN current_date - 89 AND current_date GROUP BY d.period HAVING sum(d.orders) > 0 ORDER BY d.period"
  [customers_from_facts]="WITH f AS (SELECT d.customer_id, date_trunc('month', d.day::timestamp)::date AS period FROM report_order_facts d WHERE d.merchant_id = '$store' AND d.day BETWEEN current_date - 89 AND current_date), firsts AS (SELECT c.customer_id, date_trunc('month', min(c.day)::timestamp)::date AS first_period FROM report_order_facts c WHERE c.merchant_id = '$store' AND c.customer_id IN (SELECT customer_id FROM f) GROUP BY c.customer_id) SELECT f.period, count(*), count(f.customer_id), count(DISTINCT f.customer_id), count(DISTINCT f.customer_id) FILTER (WHERE firsts.first_period = f.period) FROM f LEFT JOIN firsts ON firsts.customer_id = f.customer_id GROUP BY f.period ORDER BY f.period"
)
printf '%-24s %8s %8s\n' report p50_ms p95_ms
names="sales_day_store sales_week_merchant merchants products_by_units categories customers_month_store customers_week_merchant"
# FORMER=1 also times the former queries: the customers counted from the range's facts (about a second at 1M
# orders), the top products summed from the range's daily rows only.
[ "${FORMER:-0}" = 1 ] && names="$names customers_from_facts products_from_days"
for name in $names; do
  echo "${queries[$name]};" > "$work/$name.sql"
  (cd "$work" && pgbench -n -f "$name.sql" -t "$RUNS" -c 1 -l --log-prefix="$name" "$DB_NAME" >/dev/null)
  # pgbench log: client_id transaction_no time_us script_no time_epoch time_us_epoch
  awk '{print $3}' "$work/$name".* | sort -n | awk -v name="$name" '{a[NR]=$1} END {
      printf "%-24s %8.1f %8.1f\n", name, a[int(NR*0.5)]/1000, a[int(NR*0.95)]/1000}'
done
