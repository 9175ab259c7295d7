#!/usr/bin/env bash
# Surge's hot paths side by side with the bare stack (loadtest/bench/bare), in one run on this machine.
#
#   loadtest/bench/ratio.sh [SECONDS] [ROUNDS]          (defaults: 8 s, 3 rounds)
#
# What it does:
#   1. builds and starts the bare app (127.0.0.1:18091, Redis db 14, PostgreSQL database surge_bare);
#   2. uses the Surge at SURGE_URL (default http://127.0.0.1:8080) if one answers, else starts the README's
#      local run itself (./mvnw spring-boot:test-run, rate limits raised: every request comes from 127.0.0.1)
#      and stops it at the end;
#   3. makes its fixtures through Surge's API (two customers, a guest cart, a sold-out flash sale);
#   4. warms every endpoint once, then measures each for SECONDS per round with wrk (2 threads,
#      64 connections), alternating bare and Surge endpoints; prints requests/s per round, the ratio
#      Surge / bare of the same round, and the median ratio over the rounds.
# On a 2-core machine single figures swing by 20-40 % from run to run: compare ratios taken in one run,
# on a quiet machine (no build or test run beside it).
#
# Environment: SURGE_URL, SURGE_ADMIN_EMAIL / SURGE_ADMIN_PASSWORD (the local run's bootstrap admin by
# default), BARE_PORT (18091), WRK_CONNECTIONS (64), WARM_SECONDS (the warm-up per endpoint, SECONDS by
# default). A Surge started minutes before needs more: its flash-sale attempt takes about 90 s of saturating
# traffic to reach its speed (the JIT compiles its error path late), so use WARM_SECONDS=90 or measure twice.
set -euo pipefail
D=${1:-8}
R=${2:-3}
S=${SURGE_URL:-http://127.0.0.1:8080}
BARE_PORT=${BARE_PORT:-18091}
B=http://127.0.0.1:$BARE_PORT
C=${WRK_CONNECTIONS:-64}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "installing $1"; apt-get update -qq && apt-get install -y -qq "$1" >/dev/null; }; }
need wrk
need jq
wait_http() { # url seconds
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  echo "no answer from $1 after $2 s" >&2
  return 1
}

# --- the bare app
if ! curl -sf -o /dev/null "$B/ping"; then
  echo "building the bare app"
  "$ROOT/mvnw" -q -B -f "$HERE/bare/pom.xml" -DskipTests package
  psql -h 127.0.0.1 -U postgres -Atqc "select 1 from pg_database where datname = 'surge_bare'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "create database surge_bare"
  psql -h 127.0.0.1 -U postgres -d surge_bare -qc "create table if not exists product (id bigint primary key,
      name text not null, price_minor bigint not null);
    insert into product select g, 'product ' || g, g * 100 from generate_series(1, 10000) g on conflict do nothing"
  redis-cli -n 14 set bare:product '{"name":"bare product","priceMinor":1999}' >/dev/null
  redis-cli -n 14 set 'bare:{sale}:left' 0 >/dev/null
  BARE_PORT=$BARE_PORT java -jar "$HERE/bare/target/surge-bare-bench.jar" >"$WORK/bare.log" 2>&1 &
  PIDS+=($!)
  wait_http "$B/ping" 60
fi

# --- Surge
if ! curl -sf -o /dev/null "$S/actuator/health/liveness"; then
  echo "starting Surge (./mvnw spring-boot:test-run, rate limits raised); log in $ROOT/target/ratio-surge.log"
  args=""
  for limit in auth-ip auth-account auth-register-ip cart-create-ip order-lookup-ip checkout-ip checkout-account payment-ip payment-account; do
    args+=" --surge.rate-limits.limits.$limit.capacity=1000000 --surge.rate-limits.limits.$limit.period=1m"
  done
  mkdir -p "$ROOT/target"
  (cd "$ROOT" && exec ./mvnw -B -q spring-boot:test-run "-Dspring-boot.run.arguments=$args") \
    >"$ROOT/target/ratio-surge.log" 2>&1 &
  PIDS+=($!)
  wait_http "$S/actuator/health/liveness" 240
fi

# --- fixtures, through Surge's API
post() { curl -sf -X POST -H 'Content-Type: application/json' "$@"; }
get() { curl -sf "$@"; }
ADMIN=$(post "$S/api/v1/auth/login" -d "{\"email\":\"${SURGE_ADMIN_EMAIL:-admin@surge.local}\",\"password\":\"${SURGE_ADMIN_PASSWORD:-local admin password}\"}" | jq -r .accessToken)
sign_up() {
  local email="bench-$1-$(date +%s%N)@example.com"
  post "$S/api/v1/auth/register" -d "{\"email\":\"$email\",\"password\":\"Bench-Passw0rd-$1\",\"displayName\":\"Bench $1\"}" >/dev/null
  post "$S/api/v1/auth/login" -d "{\"email\":\"$email\",\"password\":\"Bench-Passw0rd-$1\"}" | jq -r .accessToken
}
FIRST=$(sign_up first)
SHOPPER=$(sign_up shopper)
SLUGS=$(get "$S/api/v1/products?limit=20&inStock=true" | jq -r '.items[].slug')
SLUG=$(sed -n 1p <<<"$SLUGS")
VARIANT=$(get "$S/api/v1/products/$SLUG" | jq -r '[.variants[] | select(.inStock)][0].id')
GUEST=$(curl -s -o /dev/null -D - -X POST "$S/api/v1/cart/items" -H 'Content-Type: application/json' \
  -d "{\"variantId\":\"$VARIANT\",\"quantity\":1}" | awk 'tolower($1) == "x-cart-token:" {print $2}' | tr -d '\r')
post "$S/api/v1/cart/items" -H "Authorization: Bearer $SHOPPER" -d "{\"variantId\":\"$VARIANT\",\"quantity\":1}" >/dev/null
SALE_VARIANT=$(get "$S/api/v1/products/$(sed -n 2p <<<"$SLUGS")" | jq -r '[.variants[] | select(.inStock)][0].id')
SALE=$(post "$S/api/v1/admin/flash-sales" -H "Authorization: Bearer $ADMIN" -d "{\"name\":\"ratio bench $(date +%s)\",
  \"variantId\":\"$SALE_VARIANT\",\"priceMinor\":100,\"quantity\":1,\"perCustomerLimit\":1,
  \"startsAt\":\"$(date -u -d '-1 min' +%FT%TZ)\",\"endsAt\":\"$(date -u -d '+3 hours' +%FT%TZ)\"}" | jq -r .id)
post "$S/api/v1/flash-sales/$SALE/reservations" -H "Authorization: Bearer $FIRST" -d '{"quantity":1}' >/dev/null
WORD=$(get "$S/api/v1/products/$SLUG" | jq -r .title | tr ' ' '\n' | awk 'length > 4' | head -1)

# name | method | body | header | Surge URL | bare endpoint | expected status
PATHS=(
  "no-I/O route|GET|||$S/.well-known/jwks.json|ping|200"
  "guest cart|GET||X-Cart-Token: $GUEST|$S/api/v1/cart|redis|200"
  "signed-in cart|GET||Authorization: Bearer $SHOPPER|$S/api/v1/cart|redis|200"
  "flash sale, sold out|POST|{\"quantity\":1}|Authorization: Bearer $SHOPPER|$S/api/v1/flash-sales/$SALE/reservations|reserve|409"
  "product detail|GET|||$S/api/v1/products/$SLUG|redis|200"
  "first listing page|GET|||$S/api/v1/products?limit=20|redis|200"
  "search|GET|||$S/api/v1/search?q=$WORD|pg|200"
)
BARE=(ping redis reserve pg)
bench() { # url method body header seconds -> "rps p50 p99 statuses"
  METHOD=$2 BODY=$3 HEADER1=$4 wrk -t2 -c"$C" -d"$5"s -s "$HERE/wrk.lua" "$1" 2>&1 | awk '/^BENCH/ {print $2, $3, $4, $5}'
}
bare_method() { [ "$1" = reserve ] && echo POST || echo GET; }

W=${WARM_SECONDS:-$D}
echo "warming up: every endpoint once for ${W} s"
for e in "${BARE[@]}"; do bench "$B/$e" "$(bare_method "$e")" "" "" "$W" >/dev/null; done
for p in "${PATHS[@]}"; do IFS='|' read -r n m b h u e s <<<"$p"; bench "$u" "$m" "$b" "$h" "$W" >/dev/null; done

declare -A BARE_RPS
: >"$WORK/rows"
for r in $(seq 1 "$R"); do
  echo "round $r of $R (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for e in "${BARE[@]}"; do BARE_RPS[$e]=$(bench "$B/$e" "$(bare_method "$e")" "" "" "$D" | cut -d' ' -f1); done
  for p in "${PATHS[@]}"; do
    IFS='|' read -r n m b h u e s <<<"$p"
    read -r rps p50 p99 statuses <<<"$(bench "$u" "$m" "$b" "$h" "$D")"
    ok=yes; [[ "$statuses" =~ ^$s=[0-9]+$ ]] || ok="NO: $statuses"
    printf '%s|%s|%s|%s|%s|%s|%s\n' "$n" "$r" "$rps" "${BARE_RPS[$e]}" "$e" "$p99" "$ok" >>"$WORK/rows"
  done
done

printf '\n%-22s %5s %8s %16s %7s %8s  %s\n' path round surge bare ratio "p99 ms" "statuses as expected"
awk -F'|' '{ printf "%-22s %5s %8s %16s %6.1f%% %8s  %s\n", $1, $2, $3, $4 " (" $5 ")", 100 * $3 / $4, $6, $7 }' "$WORK/rows"
echo
echo "median ratio over $R rounds (Surge / bare, same round):"
awk -F'|' '
  { if (!($1 in n)) order[++k] = $1; vals[$1, ++n[$1]] = 100 * $3 / $4 }
  END {
    for (i = 1; i <= k; i++) {
      p = order[i]; m = n[p]
      for (a = 1; a <= m; a++) x[a] = vals[p, a]
      for (a = 2; a <= m; a++) { t = x[a]; b = a - 1; while (b > 0 && x[b] > t) { x[b + 1] = x[b]; b-- } x[b + 1] = t }
      printf "  %-22s %6.1f%%\n", p, x[int((m + 1) / 2)]
    }
  }' "$WORK/rows"
