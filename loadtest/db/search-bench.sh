#!/bin/bash
# Latency of the search statements at the database, one client, no think time:
#   loadtest/db/search-bench.sh [seconds per statement, default 10] [database, default surge] [name glob, default *]
# Each loadtest/db/search/*.sql is one statement as ProductListQuery / FacetQuery build it, with the
# parameters inlined; pgbench runs it repeatedly and logs every run; this prints p50/p95/p99 in ms.
set -euo pipefail
secs=${1:-10}
db=${2:-surge}
dir=$(cd "$(dirname "$0")/search" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
psql_() { psql -h "${SURGE_DB_HOST:-127.0.0.1}" -U "${SURGE_DB_USER:-postgres}" -At -d "$db" -c "$1"; }
# deep_*.sql continue after the 5,000th row of their order, as a cursor would
vars=(-D "newest_after_id='$(psql_ "SELECT id FROM products WHERE status = 'ACTIVE' ORDER BY id DESC OFFSET 5000 LIMIT 1")'")
row=$(psql_ "SELECT price_minor || ' ' || id FROM products WHERE status = 'ACTIVE' AND currency = 'USD' ORDER BY price_minor, id OFFSET 5000 LIMIT 1")
vars+=(-D "price_after_price=${row% *}" -D "price_after_id='${row#* }'")
for f in "$dir"/${3:-*}.sql; do
  rm -f pgbench_log.*
  pgbench -h "${SURGE_DB_HOST:-127.0.0.1}" -U "${SURGE_DB_USER:-postgres}" -n -c 1 -T "$secs" -l "${vars[@]}" -f "$f" "$db" > /dev/null
  sort -n -k3 pgbench_log.* | awk -v name="$(basename "$f" .sql)" '{a[NR]=$3} END {
    printf "%-26s n=%-6d p50=%7.2f  p95=%7.2f  p99=%7.2f ms\n", name, NR, a[int(NR*0.5)]/1000, a[int(NR*0.95)]/1000, a[int(NR*0.99)]/1000}'
done
