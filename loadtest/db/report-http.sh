#!/usr/bin/env bash
# Every back-office report over HTTP for the last 90 days, and the order export, against a running Surge (the
# seeded database of seed-orders.sh served by Surge: see docs/performance.md, "Reports on 1,000,000 orders").
#
#   SURGE_URL=http://127.0.0.1:8085 loadtest/db/report-http.sh [SECONDS]
#
# Per report: wrk, 1 thread, CONNECTIONS (2) connections for SECONDS (10), as the bootstrap admin; prints requests,
# p50 and p95 (ms), the answers that were not 2xx, and the status of one request. Then the whole-store order export (GET /api/v1/admin/orders/export.csv, no
# filter) once with curl: rows, seconds, rows/s; and the serving JVM's heap after it (jcmd GC.heap_info) when the
# JVM is on this machine. Environment: SURGE_URL, SURGE_ADMIN_EMAIL / SURGE_ADMIN_PASSWORD (the local run's
# bootstrap admin by default), CONNECTIONS, EXPORT (1: run the export; 0: skip it).
set -euo pipefail
D=${1:-10}
S=${SURGE_URL:-http://127.0.0.1:8085}
S=${S%/}
C=${CONNECTIONS:-2}
HOST=$(sed -E 's#^[a-z]+://##; s#[:/].*##' <<<"$S")
case "$HOST" in 127.*|localhost) ;; *) echo "SURGE_URL must be a loopback address: $S" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
body=$(jq -nc --arg e "${SURGE_ADMIN_EMAIL:-admin@surge.local}" --arg p "${SURGE_ADMIN_PASSWORD:-local admin password}" \
  '{email: $e, password: $p}')
TOKEN=$(curl -sf -H 'Content-Type: application/json' "$S/api/v1/auth/login" -d "$body" | jq -r .accessToken)
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || { echo "could not sign in as the admin at $S" >&2; exit 1; }
# The sales, customers, conversion and carts reports take days; the operations reports take instants.
R="from=$(date -u +%Y-%m-%d -d '89 days ago')&to=$(date -u +%Y-%m-%d)"
RI="from=$(date -u +%Y-%m-%dT00:00:00Z -d '89 days ago')&to=$(date -u +%Y-%m-%dT00:00:00Z -d tomorrow)"
cat >"$work/p95.lua" <<'LUA'
done = function(summary, latency)
  io.write(string.format("RESULT %d %.1f %.1f %d\n", summary.requests, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, summary.errors.status))
end
LUA
reports=(
  "sales per day|/api/v1/admin/reports/sales?$R&interval=day"
  "sales per week|/api/v1/admin/reports/sales?$R&interval=week"
  "sales by merchant|/api/v1/admin/reports/sales/merchants?$R"
  "top 10 products by units|/api/v1/admin/reports/sales/products?$R&by=units&limit=10"
  "top 10 products by revenue|/api/v1/admin/reports/sales/products?$R&by=revenue&limit=10"
  "sales by category|/api/v1/admin/reports/sales/categories?$R"
  "customers per month|/api/v1/admin/reports/customers?$R&interval=month"
  "conversion per day|/api/v1/admin/reports/conversion?$R&interval=day"
  "carts funnel per day|/api/v1/admin/reports/carts?$R&interval=day"
  "abandoned carts|/api/v1/admin/reports/carts/abandoned?$R"
  "payments per day|/api/v1/admin/reports/payments?$RI&interval=day"
  "payments attention|/api/v1/admin/reports/payments/attention"
  "stock per variant|/api/v1/admin/reports/inventory/stock"
  "stock movements|/api/v1/admin/reports/inventory/movements?$RI"
  "sell-through|/api/v1/admin/reports/inventory/sell-through?$RI"
  "flash sales|/api/v1/admin/reports/flash-sales?$RI"
  "sales per day, CSV|/api/v1/admin/reports/sales.csv?$R&interval=day"
)
printf '%-28s %8s %8s %8s %8s %s\n' report requests p50_ms p95_ms non-2xx "status of one request"
for entry in "${reports[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$S$path")
  line=$(wrk -t1 -c"$C" -d"${D}s" --timeout 10s -s "$work/p95.lua" -H "Authorization: Bearer $TOKEN" "$S$path" \
    | grep '^RESULT' || true)
  read -r _ n p50 p95 bad <<<"$line"
  printf '%-28s %8s %8s %8s %8s %s\n' "$name" "${n:-?}" "${p50:-?}" "${p95:-?}" "${bad:-?}" "$status"
done
if [ "${EXPORT:-1}" = 1 ]; then
  echo
  echo "order export (all orders, streamed):"
  start=$(date +%s%N)
  rows=$(curl -sfN -H "Authorization: Bearer $TOKEN" "$S/api/v1/admin/orders/export.csv" | wc -l)
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "  $((rows - 1)) rows (and a header) in $ms ms: $(( (rows - 1) * 1000 / (ms > 0 ? ms : 1) )) rows/s"
  port=$(sed -nE 's#^[a-z]+://[^:/]+:([0-9]+).*#\1#p' <<<"$S")
  pid=$(ss -ltnpH "sport = :${port:-80}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
  if [ -n "$pid" ] && command -v jcmd >/dev/null; then
    echo "  heap of the serving JVM (pid $pid) after the export:"
    jcmd "$pid" GC.heap_info 2>/dev/null | sed -n '2,4p' | sed 's/^/    /'
    jcmd "$pid" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'MaxHeapSize|UseG1GC|UseSerialGC|UseParallelGC' | sed 's/^/    /'
  fi
fi
