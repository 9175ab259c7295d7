#!/usr/bin/env bash
# Surge's write paths (checkout, webhook delivery) side by side with their bare counterparts, in one run.
#
#   loadtest/bench/writes.sh [SECONDS] [ROUNDS]          (defaults: 8 s, 3 rounds)
#
# What it does:
#   1. builds and starts the bare app (loadtest/bench/bare, 127.0.0.1:BARE_PORT, PostgreSQL database surge_bare)
#      unless it answers already, and (re)creates its write tables, emptied, with the stock row of the variant;
#   2. uses the Surge at SURGE_URL (default http://127.0.0.1:8080) if one answers, else starts the README's local
#      run there itself (./mvnw spring-boot:test-run on SURGE_URL's port, rate limits raised: every request comes
#      from 127.0.0.1; the sandbox on with the webhook secret SURGE_SANDBOX_WEBHOOK_SECRET) and stops it at the end;
#   3. makes its fixtures through Surge's API: a customer (signed in again every round: access tokens live
#      15 minutes), a USD variant whose on-hand the bootstrap admin sets to 100,000,000;
#   4. warms each path once for SECONDS, then per round, with wrk (2 threads) and writes.lua:
#      - checkout: POST /api/v1/orders (one line of the variant, shipped to the US, a new Idempotency-Key per
#        request) against the bare POST /checkout (the same writes in one transaction), CHECKOUT_CONNECTIONS;
#      - webhooks: before the round and outside it, as many orders with a started sandbox payment as the round
#        should use (the last round's rate x SECONDS x 1.3) and their payment.succeeded events, signed
#        (writes-events.py); then each delivery to POST /api/v1/webhooks/sandbox is a new event for a known,
#        pending payment, against the bare POST /webhook (HMAC check, one INSERT ... ON CONFLICT DO NOTHING),
#        WEBHOOK_CONNECTIONS. The figure is new events answered per second, over the time until the last one was
#        answered (or SECONDS, if events were left); the few redeliveries sent past the end are counted apart;
#        after the round it waits until all of the round's events are applied (read from Surge's database,
#        SURGE_DB_NAME, at most APPLY_WAIT s, 300) and prints how many per second were applied: a burst beyond
#        the inline slots is answered once stored and applied by the retry job, and the next round must not
#        run beside that backlog;
#      and prints requests/s, p50/p95/p99, statuses, the bare app's requests/s, the ratio Surge / bare of the same
#      round, and the CPU time of Surge's JVM (and the bare app's) per request (/proc/<pid>/stat; the JVM is found
#      with jcmd and ss), then the medians over the rounds; and how many orders of the last round's first
#      WEBHOOK_CONNECTIONS events became PAID (through the outbox: seconds later on a busy machine).
# Compare ratios taken in one run, on a quiet machine (no build or test run beside it); single figures swing by
# tens of % on a shared 2-core machine. Every checkout of the run stays a pending order holding one unit until the
# payment window expires it; every webhook round pays its orders.
#
# Environment: SURGE_URL; SURGE_SANDBOX_WEBHOOK_SECRET (the secret of the Surge at SURGE_URL: without it webhooks
# are skipped; the Surge started here gets it, default writes-bench-sandbox-secret); SURGE_DB_NAME / SURGE_REDIS_DB
# (database and Redis logical database of the Surge started here; the local run's surge / 0 by default: give
# others to run beside another local run); SURGE_ADMIN_EMAIL / SURGE_ADMIN_PASSWORD (the local run's bootstrap
# admin by default); BARE_PORT (18091), BARE_WEBHOOK_SECRET (the bare app's default); CHECKOUT_CONNECTIONS (16),
# WEBHOOK_CONNECTIONS (64); WEBHOOK_RATE_GUESS (150: webhooks/s assumed to size the warm-up's events);
# START_WARMUP (20: seconds of an extra warm-up of the paths of an app the script started: the bare app's two,
# Surge's checkout; 0: none);
# SETUP_THREADS (8: concurrent requests making the webhook rounds' orders and payments); WRK_TIMEOUT (10 s: an
# answer slower than this counts as a socket error, not in the percentiles).
set -euo pipefail
D=${1:-8}
R=${2:-3}
S=${SURGE_URL:-http://127.0.0.1:8080}
S=${S%/}
BARE_PORT=${BARE_PORT:-18091}
B=http://127.0.0.1:$BARE_PORT
BARE_SECRET=${BARE_WEBHOOK_SECRET:-bare-bench-webhook-secret}
CC=${CHECKOUT_CONNECTIONS:-16}
WC=${WEBHOOK_CONNECTIONS:-64}
GUESS=${WEBHOOK_RATE_GUESS:-150}
SETUP_THREADS=${SETUP_THREADS:-8}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
PIDS=()
GROUPS_STARTED=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for group in "${GROUPS_STARTED[@]}"; do
    kill -TERM -- "-$group" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$group" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$group" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

HOST=$(sed -E 's#^[a-z]+://##; s#[:/].*##' <<<"$S")
case "$HOST" in 127.*|localhost) ;; *) echo "SURGE_URL must be a loopback address: $S" >&2; exit 2 ;; esac
need() { command -v "$1" >/dev/null || { echo "installing $1"; apt-get update -qq && apt-get install -y -qq "$1" >/dev/null; }; }
need wrk
need jq
need python3
wait_http() { # url seconds
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  echo "no answer from $1 after $2 s" >&2
  return 1
}
bare_sql() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d surge_bare -v ON_ERROR_STOP=1 -qc "$1" >/dev/null; }
# The JVM listening on a port (ss), checked against jcmd's list of JVMs; empty if none is found.
jvm_pid() {
  local pid
  pid=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
  if [ -n "$pid" ] && jcmd -l 2>/dev/null | awk '{print $1}' | grep -qx "$pid"; then echo "$pid"; return; fi
  jcmd -l 2>/dev/null | awk -v p="--server.port=$1" '$2 == "dev.surge.LocalSurge" && index($0, p) {print $1}' | head -1
}
cpu_ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }

# --- the bare app
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$B/webhook" || true)
if [ "$code" = 404 ]; then
  echo "a bare app without the write endpoints answers on $B: stop it, or set BARE_PORT" >&2
  exit 2
fi
psql -h 127.0.0.1 -U postgres -Atqc "select 1 from pg_database where datname = 'surge_bare'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "create database surge_bare"
bare_sql "
  create table if not exists bare_stock (variant_id uuid primary key, on_hand bigint not null,
    reserved bigint not null default 0, version bigint not null default 0);
  create table if not exists bare_outbox (id uuid primary key, event_type text not null, event_key text not null,
    payload jsonb not null, created_at timestamptz not null default now());
  create table if not exists bare_reservation (id uuid primary key, owner text not null,
    status text not null default 'ACTIVE', expires_at timestamptz not null, created_at timestamptz not null default now());
  create table if not exists bare_reservation_line (reservation_id uuid not null references bare_reservation,
    variant_id uuid not null, quantity int not null, primary key (reservation_id, variant_id));
  create table if not exists bare_order (id uuid primary key, number text not null unique,
    idempotency_key text not null unique, status text not null, total_minor bigint not null, currency text not null,
    shipping_address jsonb not null, created_at timestamptz not null default now());
  create table if not exists bare_order_line (order_id uuid not null references bare_order, line_no int not null,
    variant_id uuid not null, quantity int not null, unit_minor bigint not null, primary key (order_id, line_no));
  create table if not exists bare_order_reservation (reservation_id uuid primary key references bare_reservation,
    order_id uuid not null references bare_order);
  create table if not exists bare_order_history (id uuid primary key, order_id uuid not null references bare_order,
    to_status text not null, reason text, created_at timestamptz not null default now());
  create table if not exists bare_webhook_event (event_id text primary key, type text not null, body jsonb not null,
    received_at timestamptz not null default now());
  truncate bare_stock, bare_outbox, bare_order_history, bare_order_reservation, bare_order_line, bare_order,
    bare_reservation_line, bare_reservation, bare_webhook_event"
if [ "$code" != 400 ]; then
  echo "building the bare app"
  "$ROOT/mvnw" -q -B -f "$HERE/bare/pom.xml" -DskipTests package
  BARE_PORT=$BARE_PORT BARE_WEBHOOK_SECRET=$BARE_SECRET java -jar "$HERE/bare/target/surge-bare-bench.jar" \
    >"$WORK/bare.log" 2>&1 &
  PIDS+=($!)
  BARE_STARTED=yes
  wait_http "$B/ping" 60
fi

# --- Surge
SECRET=${SURGE_SANDBOX_WEBHOOK_SECRET:-}
if ! curl -sf -o /dev/null "$S/actuator/health/liveness"; then
  PORT=$(sed -nE 's#^[a-z]+://[^:/]+:([0-9]+).*#\1#p' <<<"$S")
  PORT=${PORT:-80}
  SECRET=${SECRET:-writes-bench-sandbox-secret}
  args="--server.port=$PORT --surge.payments.sandbox.enabled=true --surge.payments.routing.default-provider=sandbox"
  args+=" --surge.payments.sandbox.webhook-secret=$SECRET"
  [ -n "${SURGE_REDIS_DB:-}" ] && args+=" --spring.data.redis.database=$SURGE_REDIS_DB"
  for limit in auth-ip auth-account auth-register-ip cart-create-ip order-lookup-ip checkout-ip checkout-account payment-ip payment-account; do
    args+=" --surge.rate-limits.limits.$limit.capacity=1000000 --surge.rate-limits.limits.$limit.period=1m"
  done
  mkdir -p "$ROOT/target"
  echo "starting Surge on port $PORT (./mvnw spring-boot:test-run, rate limits raised, database ${SURGE_DB_NAME:-surge});" \
    "log in $ROOT/target/writes-surge.log"
  (cd "$ROOT" && exec setsid ./mvnw -B -q spring-boot:test-run "-Dspring-boot.run.arguments=$args") \
    >"$ROOT/target/writes-surge.log" 2>&1 &
  GROUPS_STARTED+=($!)
  SURGE_STARTED=yes
  wait_http "$S/actuator/health/readiness" 900
fi
SURGE_PID=${SURGE_PID:-$(jvm_pid "$(sed -nE 's#^[a-z]+://[^:/]+:([0-9]+).*#\1#p' <<<"$S")")}
BARE_PID=$(jvm_pid "$BARE_PORT")
echo "Surge: $S (JVM pid ${SURGE_PID:-not found}); bare app: $B (JVM pid ${BARE_PID:-not found})"

# --- fixtures, through Surge's API
post() { curl -sf -X POST -H 'Content-Type: application/json' "$@"; }
ADMIN_BODY=$(jq -nc --arg e "${SURGE_ADMIN_EMAIL:-admin@surge.local}" --arg p "${SURGE_ADMIN_PASSWORD:-local admin password}" \
  '{email: $e, password: $p}')
ADMIN=$(post "$S/api/v1/auth/login" -d "$ADMIN_BODY" | jq -r .accessToken)
EMAIL="bench-writes-$(date +%s%N)@example.com"
CUSTOMER_BODY="{\"email\":\"$EMAIL\",\"password\":\"Bench-Writes-Passw0rd\"}"
post "$S/api/v1/auth/register" -d "{\"email\":\"$EMAIL\",\"password\":\"Bench-Writes-Passw0rd\",\"displayName\":\"Bench writes\"}" >/dev/null
sign_in() { post "$S/api/v1/auth/login" -d "$CUSTOMER_BODY" | jq -r .accessToken; }
VARIANT=""
for _ in $(seq 1 60); do # a fresh database's demo catalog is seeded after start-up
  VARIANT=$(curl -sf "$S/api/v1/products?limit=50&inStock=true" | jq -r '.items[].slug' | while read -r slug; do
    curl -sf "$S/api/v1/products/$slug" | jq -r '[.variants[] | select(.inStock and (.price.currency // .currency // "USD") == "USD")][0].id // empty'
  done | head -1 || true)
  [ -n "$VARIANT" ] && break
  sleep 2
done
[ -n "$VARIANT" ] || { echo "no in-stock USD variant in Surge's catalog" >&2; exit 1; }
curl -sf -X PUT "$S/api/v1/admin/inventory/$VARIANT" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"onHand":100000000,"reason":"writes.sh: stock for the checkout benchmark"}' >/dev/null
bare_sql "insert into bare_stock (variant_id, on_hand) values ('$VARIANT', 100000000)"
ORDER_BODY="{\"lines\":[{\"variantId\":\"$VARIANT\",\"quantity\":1}],\"shippingAddress\":{\"name\":\"Bench Buyer\",\"line1\":\"1 Market St\",\"city\":\"San Francisco\",\"region\":\"CA\",\"postalCode\":\"94105\",\"country\":\"US\"}}"
echo "variant $VARIANT, customer $EMAIL"
[ -n "$SECRET" ] || echo "SURGE_SANDBOX_WEBHOOK_SECRET is not set for the Surge at $S: webhooks are skipped"

# --- measurement
# wrk_run name url connections pid [env...] -> appends "name|requests|rps|p50|p95|p99|statuses|new|dup|cpu ms per request"
wrk_run() {
  local name=$1 url=$2 c=$3 pid=$4 out c0 c1
  shift 4
  c0=$(cpu_ticks "$pid")
  out=$(env "$@" THREADS=2 RUN_ID="$(date +%s%N)" wrk -t2 -c"$c" -d"${D}"s --timeout "${WRK_TIMEOUT:-10}"s -s "$HERE/writes.lua" "$url" 2>&1 \
    | awk '/^BENCH/ {print $2, $3, $4, $5, $6, $7, $8, $9}')
  c1=$(cpu_ticks "$pid")
  [ -n "$out" ] || { echo "wrk gave no result for $name at $url" >&2; out="0 0 0 0 0 none 0 0"; }
  read -r n rps p50 p95 p99 statuses fresh dup <<<"$out"
  cpu=$(awk -v d=$((c1 - c0)) -v t="$(getconf CLK_TCK)" -v n="$n" -v p="$pid" \
    'BEGIN { if (p == "" || n == 0) print "n/a"; else printf "%.2f", d / t * 1000 / n }')
  echo "$name|$n|$rps|$p50|$p95|$p99|$statuses|$fresh|$dup|$cpu"
}
checkout_pair() { # token -> two rows: bare, Surge
  wrk_run bare "$B/checkout" "$CC" "$BARE_PID" MODE=checkout "BODY=$ORDER_BODY" "HEADER1=Authorization: Bearer $1"
  wrk_run surge "$S/api/v1/orders" "$CC" "$SURGE_PID" MODE=checkout "BODY=$ORDER_BODY" "HEADER1=Authorization: Bearer $1"
}
BARE_RATE=3000
SURGE_RATE=$GUESS
webhook_pair() { # token -> two rows: bare, Surge
  local nb ns made
  nb=$(awk -v r="$BARE_RATE" -v d="$D" 'BEGIN { printf "%d", r * d * 1.5 + 1000 }')
  ns=$(awk -v r="$SURGE_RATE" -v d="$D" 'BEGIN { printf "%d", r * d * 1.3 + 64 }')
  python3 "$HERE/writes-events.py" bare "$nb" "$BARE_SECRET" "$WORK/bare-events" >/dev/null
  echo "  making $ns orders with a sandbox payment for the webhook round (outside the measurement)" >&2
  python3 "$HERE/writes-events.py" surge "$S" "$1" "$VARIANT" "$ns" "$SECRET" "$WORK/surge-events" "$SETUP_THREADS" >/dev/null
  wrk_run bare "$B/webhook" "$WC" "$BARE_PID" MODE=webhook EVENTS="$WORK/bare-events" \
    SIGNATURE_HEADER=Surge-Sandbox-Signature
  local started
  started=$(date -u '+%F %T.%N')
  wrk_run surge "$S/api/v1/webhooks/sandbox" "$WC" "$SURGE_PID" MODE=webhook EVENTS="$WORK/surge-events" \
    SIGNATURE_HEADER=Surge-Sandbox-Signature
  applied "$started" >&2
}
# Waits (up to APPLY_WAIT s) until every event stored since $1 is applied, and says how fast they were. Reads
# Surge's database (SURGE_DB_NAME); says nothing when psql cannot reach it.
applied() {
  local q left=1 i row n secs rate
  q="from payment_events where provider = 'sandbox' and received_at >= '$1'::timestamptz"
  for i in $(seq 0 "${APPLY_WAIT:-300}"); do
    left=$(surge_sql "select count(*) $q and processed_at is null") || return 0
    [ "$left" = 0 ] && break
    sleep 1
  done
  row=$(surge_sql "select count(*), round(extract(epoch from max(processed_at) - '$1'::timestamptz)::numeric, 1),
    round(count(*) / greatest(extract(epoch from max(processed_at) - '$1'::timestamptz), 0.001)::numeric, 0) $q")
  IFS='|' read -r n secs rate <<<"$row"
  echo "  applied: $n events of the round, the last $secs s after the round began ($rate events/s applied);" \
    "$left not yet after waiting $i s"
}
surge_sql() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d "${SURGE_DB_NAME:-surge}" -Atqc "$1" 2>/dev/null; }
next_rates() { # bare row, Surge row: the next webhook round's event counts follow this one's rates
  BARE_RATE=$(awk -F'|' -v m="$BARE_RATE" '{ print ($3 > m ? $3 : m) }' <<<"$1")
  SURGE_RATE=$(awk -F'|' '{ print ($3 > 10 ? $3 : 10) }' <<<"$2")
}

W=${START_WARMUP:-20}
if [ "$W" -gt 0 ] && { [ -n "${BARE_STARTED:-}" ] || [ -n "${SURGE_STARTED:-}" ]; }; then
  # a new JVM compiles for a while: on a busy machine a few seconds leave it far from its speed
  what=""
  [ -n "${BARE_STARTED:-}" ] && what="the bare app's checkout and webhook"
  [ -n "${SURGE_STARTED:-}" ] && what="${what:+$what, }Surge's checkout"
  echo "warming up what was just started, ${W} s per path: $what"
  (D=$W
   if [ -n "${BARE_STARTED:-}" ]; then
     python3 "$HERE/writes-events.py" bare $(( W * 5000 )) "$BARE_SECRET" "$WORK/bare-events" >/dev/null
     wrk_run bare "$B/checkout" "$CC" "" MODE=checkout "BODY=$ORDER_BODY"
     wrk_run bare "$B/webhook" "$WC" "" MODE=webhook EVENTS="$WORK/bare-events"
   fi
   if [ -n "${SURGE_STARTED:-}" ]; then
     wrk_run surge "$S/api/v1/orders" "$CC" "" MODE=checkout "BODY=$ORDER_BODY" "HEADER1=Authorization: Bearer $(sign_in)"
   fi) >/dev/null
fi
echo "warming up: each path once for ${D} s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
TOKEN=$(sign_in)
checkout_pair "$TOKEN" >/dev/null
if [ -n "$SECRET" ]; then
  rows=$(webhook_pair "$TOKEN")
  next_rates "$(sed -n 1p <<<"$rows")" "$(sed -n 2p <<<"$rows")"
fi

: >"$WORK/rows"
for r in $(seq 1 "$R"); do
  echo "round $r of $R (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  TOKEN=$(sign_in)
  rows=$(checkout_pair "$TOKEN")
  echo "checkout|$r|$(sed -n 2p <<<"$rows")|$(sed -n 1p <<<"$rows")" >>"$WORK/rows"
  if [ -n "$SECRET" ]; then
    rows=$(webhook_pair "$TOKEN")
    echo "webhook|$r|$(sed -n 2p <<<"$rows")|$(sed -n 1p <<<"$rows")" >>"$WORK/rows"
    next_rates "$(sed -n 1p <<<"$rows")" "$(sed -n 2p <<<"$rows")"
  fi
done

if [ -n "$SECRET" ]; then
  # The effect, end to end: the orders of the last round's first events (the first request of every connection)
  # become PAID; the order follows its payment through the outbox, seconds later on a busy machine.
  ADMIN=$(post "$S/api/v1/auth/login" -d "$ADMIN_BODY" | jq -r .accessToken)
  head -n "$WC" "$WORK/surge-events.orders" >"$WORK/unpaid"
  total=$(wc -l <"$WORK/unpaid")
  for i in $(seq 0 60); do
    while read -r order; do
      [ "$(curl -sf "$S/api/v1/admin/orders/$order" -H "Authorization: Bearer $ADMIN" | jq -r .status)" = PAID ] \
        || echo "$order"
    done <"$WORK/unpaid" >"$WORK/still"
    mv "$WORK/still" "$WORK/unpaid"
    [ -s "$WORK/unpaid" ] || break
    sleep 1
  done
  echo "the last webhook round's first $total orders: $((total - $(wc -l <"$WORK/unpaid"))) PAID after $i s"
fi

# rows: path|round|surge|requests|rps|p50|p95|p99|statuses|new|redelivered|cpu|bare|requests|rps|p50|...|cpu
printf '\n%-8s %5s %9s %8s %8s %8s %9s %7s %10s %10s  %s\n' path round "Surge r/s" "p50 ms" "p95 ms" "p99 ms" \
  "bare r/s" ratio "Surge CPU" "bare CPU" "statuses: Surge (webhooks: new/redelivered); bare"
awk -F'|' '
  function ms(v) { return v == "n/a" ? v : v " ms" }
  {
    ratio = $15 > 0 ? 100 * $5 / $15 : 0
    ok = $1 == "checkout" ? "201" : "200"
    split_ = $1 == "webhook" ? sprintf(" (%s/%s)", $10, $11) : ""
    note = ""
    if ($9 !~ ("^" ok "=[0-9]+$") || $19 !~ ("^" ok "=[0-9]+$")) note = note " UNEXPECTED STATUSES"
    printf "%-8s %5s %9.0f %8.1f %8.1f %8.1f %9.0f %6.1f%% %10s %10s  %s%s; %s%s\n", $1, $2, $5, $6, $7, $8, $15,
      ratio, ms($12), ms($22), $9, split_, $19, note
  }' "$WORK/rows"
echo
echo "medians over $R rounds (ratio: Surge / bare of the same round; CPU: Surge's JVM, user + system, per request):"
awk -F'|' '
  function median(key, m,   a, b, t, x) {
    for (a = 1; a <= m; a++) x[a] = vals[key, a]
    for (a = 2; a <= m; a++) { t = x[a]; b = a - 1; while (b > 0 && x[b] > t) { x[b + 1] = x[b]; b-- } x[b + 1] = t }
    return x[int((m + 1) / 2)]
  }
  { if (!($1 in n)) order[++k] = $1; i = ++n[$1]
    vals[$1 "s", i] = $5; vals[$1 "b", i] = $15; vals[$1 "r", i] = $15 > 0 ? 100 * $5 / $15 : 0
    vals[$1 "p", i] = $7; vals[$1 "c", i] = $12 == "n/a" ? -1 : $12 }
  END {
    for (j = 1; j <= k; j++) {
      p = order[j]; m = n[p]; c = median(p "c", m)
      printf "  %-8s Surge %6.0f req/s (p95 %.1f ms), bare %6.0f req/s, ratio %5.1f%%, Surge CPU %s ms/request\n", p,
        median(p "s", m), median(p "p", m), median(p "b", m), median(p "r", m), c < 0 ? "n/a" : sprintf("%.2f", c)
    }
  }' "$WORK/rows"
