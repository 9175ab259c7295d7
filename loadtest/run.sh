#!/usr/bin/env bash
# The load-test suite in one command. See loadtest/README.md.
#
#   loadtest/run.sh [all|browse|cart|flashsale|checkout|webhook|mixed|catalog|search|coupon|orders[,...]] [--base-url URL]
#                   [--allow-non-loopback] [-- -Dname=value ...]
#
# Without --base-url it starts Surge from the repository root (./mvnw spring-boot:test-run) with the demo
# catalog, in a database, Redis logical database and port of its own, with identity and cart rate limits
# raised (every virtual user comes from 127.0.0.1), waits until it is ready and the catalog is seeded, runs
# the simulations one after the other, stops the server, and writes the Gatling reports and a one-page
# summary under loadtest/results/<UTC time>/ (loadtest/results/summary.md is the latest). Arguments after
# -- go to every simulation (e.g. -- -Dusers=20). Exit code: 0 when every simulation met its budgets.
#
# Environment (all optional):
#   PRODUCTS=100000          demo products to seed (tops the catalog up; ~20 s for 100,000 on 2 cores)
#   PORT=8091                port of the server started here
#   DB_NAME=surge_load       PostgreSQL database of the server started here (created if missing)
#   REDIS_DB=8               Redis logical database of the server started here
#   WEBHOOK_SECRET=loadtest-sandbox-secret   the sandbox webhook secret (server and WebhookSimulation)
#   SCRAPE_TOKEN             the server's metrics scrape token, with which WebhookSimulation and OrderSimulation
#                            wait until the server has finished its queued work (a new one for a server started here)
#   SERVER_ARGS=""           more Spring arguments for the server, e.g. "--spring.r2dbc.pool.max-size=40"
#   SERVER_JVM_ARGS=""       JVM options of the server, e.g. "-Xmx2g"
#   STARTUP_TIMEOUT=900      seconds to wait for build, start-up and seeding
#   FLASH_RAMP=30            FlashSaleSimulation: seconds over which its 10,000 buyers arrive
#   CART_P95_MS=50           CartSimulation: p95 budget (the issue's cart target; its own default is 10)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOADTEST="$ROOT/loadtest"

PRODUCTS="${PRODUCTS:-100000}"
PORT="${PORT:-8091}"
DB_NAME="${DB_NAME:-surge_load}"
REDIS_DB="${REDIS_DB:-8}"
WEBHOOK_SECRET="${WEBHOOK_SECRET:-loadtest-sandbox-secret}"
SCRAPE_TOKEN="${SCRAPE_TOKEN:-}"
SERVER_ARGS="${SERVER_ARGS:-}"
SERVER_JVM_ARGS="${SERVER_JVM_ARGS:-}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-900}"
FLASH_RAMP="${FLASH_RAMP:-30}"
CART_P95_MS="${CART_P95_MS:-50}"

ALL=(browse cart flashsale checkout webhook mixed)

usage() {
  sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

selection="all"
base_url=""
allow_non_loopback=false
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage 0 ;;
    --base-url) base_url="${2:?--base-url needs a URL}"; shift 2 ;;
    --base-url=*) base_url="${1#*=}"; shift ;;
    --allow-non-loopback) allow_non_loopback=true; shift ;;
    --) shift; extra=("$@"); break ;;
    -*) echo "unknown option $1" >&2; usage 2 ;;
    *) selection="$1"; shift ;;
  esac
done

class_of() {
  case "$1" in
    browse) echo BrowseSimulation ;;
    cart) echo CartSimulation ;;
    flashsale|flash-sale) echo FlashSaleSimulation ;;
    coupon|coupon-race) echo CouponRaceSimulation ;;
    checkout) echo CheckoutSimulation ;;
    orders|order) echo OrderSimulation ;;
    webhook|webhooks) echo WebhookSimulation ;;
    mixed) echo MixedSimulation ;;
    catalog) echo CatalogSimulation ;;
    search) echo SearchSimulation ;;
    *Simulation) echo "$1" ;;
    *) return 1 ;;
  esac
}

# Settings the suite gives a simulation beyond its own defaults.
defaults_of() {
  case "$1" in
    CartSimulation) echo "-Dp95Ms=$CART_P95_MS" ;;
    FlashSaleSimulation) echo "-DrampSeconds=$FLASH_RAMP" ;;
    WebhookSimulation) echo "-DwebhookSecret=$WEBHOOK_SECRET${SCRAPE_TOKEN:+ -DscrapeToken=$SCRAPE_TOKEN}" ;;
    OrderSimulation) echo "${SCRAPE_TOKEN:+-DscrapeToken=$SCRAPE_TOKEN}" ;;
    *) echo "" ;;
  esac
}

sims=()
if [[ "$selection" == "all" ]]; then
  sims=("${ALL[@]}")
else
  IFS=',' read -r -a sims <<< "$selection"
fi
for s in "${sims[@]}"; do
  class_of "$s" > /dev/null || { echo "unknown simulation '$s' (all, ${ALL[*]}, catalog, search, coupon, orders)" >&2; exit 2; }
done

# ---- where the load goes: loopback only unless allowed ---------------------------------------------------
started_server=false
if [[ -z "$base_url" ]]; then
  base_url="http://127.0.0.1:$PORT"
  started_server=true
fi
base_url="${base_url%/}"
host="$(echo "$base_url" | sed -E 's#^[a-zA-Z]+://##; s#^([^@/]*@)?##; s#^\[([^]]*)\].*#\1#; s#^([^:/]*).*#\1#')"
case "$host" in
  localhost|127.*|::1) ;;
  *)
    if [[ "$allow_non_loopback" != true ]]; then
      echo "refusing to load $base_url: $host is not a loopback address (pass --allow-non-loopback to allow it)" >&2
      exit 2
    fi
    extra+=("-DallowNonLoopback=true") ;;
esac

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$LOADTEST/results/$stamp"
mkdir -p "$RUN_DIR/reports"
echo "Results: $RUN_DIR"

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
prop() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | sed 's/\\/\\\\/g')" >> "$3"; }

# ---- the server, when none was given ----------------------------------------------------------------------
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    echo "Stopping the server (process group $server_pid)"
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 1
    done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

server_desc="given: $base_url"
seeding=""
if [[ "$started_server" == true ]]; then
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "port $PORT is already in use: stop that server, set PORT=..., or pass --base-url" >&2
    exit 2
  fi
  limits=""
  for limit in auth-ip auth-account auth-register-ip cart-create-ip order-lookup-ip checkout-ip checkout-account payment-ip payment-account coupon-ip coupon-account; do
    limits+=" --surge.rate-limits.limits.$limit.capacity=1000000 --surge.rate-limits.limits.$limit.period=1m"
  done
  args="--server.port=$PORT --surge.demo.products=$PRODUCTS --spring.data.redis.database=$REDIS_DB"
  args+=" --surge.payments.sandbox.enabled=true --surge.payments.routing.default-provider=sandbox"
  args+=" --surge.payments.sandbox.webhook-secret=$WEBHOOK_SECRET$limits"
  [[ -n "$SERVER_ARGS" ]] && args+=" $SERVER_ARGS"
  server_cmd=(./mvnw -B spring-boot:test-run "-Dspring-boot.run.arguments=$args")
  [[ -n "$SERVER_JVM_ARGS" ]] && server_cmd+=("-Dspring-boot.run.jvmArguments=$SERVER_JVM_ARGS")
  server_desc="SURGE_DB_NAME=$DB_NAME ${server_cmd[*]}"
  echo "Starting Surge: $server_desc"
  echo "  (log: $RUN_DIR/server.log)"
  SCRAPE_TOKEN="${SCRAPE_TOKEN:-loadtest-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}"
  ( cd "$ROOT" && SURGE_DB_NAME="$DB_NAME" SURGE_METRICS_SCRAPE_TOKEN="$SCRAPE_TOKEN" exec setsid "${server_cmd[@]}" ) \
    > "$RUN_DIR/server.log" 2>&1 &
  server_pid=$!
  t0=$(date +%s)
  until curl -sf "$base_url/actuator/health/readiness" > /dev/null 2>&1; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server stopped during start-up; see $RUN_DIR/server.log" >&2
      tail -20 "$RUN_DIR/server.log" >&2
      exit 1
    fi
    if (( $(date +%s) - t0 > STARTUP_TIMEOUT )); then
      echo "the server was not ready within $STARTUP_TIMEOUT s; see $RUN_DIR/server.log" >&2
      exit 1
    fi
    sleep 2
  done
  echo "Ready after $(( $(date +%s) - t0 )) s"
  if (( PRODUCTS > 0 )); then
    until grep -q 'Demo catalog: added\|Demo catalog seeding failed' "$RUN_DIR/server.log"; do
      if (( $(date +%s) - t0 > STARTUP_TIMEOUT )); then
        echo "the demo catalog was not seeded within $STARTUP_TIMEOUT s" >&2
        exit 1
      fi
      sleep 2
    done
    if grep -q 'Demo catalog seeding failed' "$RUN_DIR/server.log"; then
      echo "demo catalog seeding failed; see $RUN_DIR/server.log" >&2
      exit 1
    fi
    seeding="$(grep -o 'Demo catalog: added [0-9]* products in [0-9]* ms (target [0-9]*)' "$RUN_DIR/server.log" | head -1)"
    echo "$seeding"
  fi
fi

# ---- the run ----------------------------------------------------------------------------------------------
meta="$RUN_DIR/run.properties"
prop started "$stamp" "$meta"
prop baseUrl "$base_url" "$meta"
prop server "$server_desc" "$meta"
prop seeding "$seeding" "$meta"
prop commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')" "$meta"
prop machine "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs)), $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GiB"}'), load average $(loadavg) at the start" "$meta"
prop java "$(java -version 2>&1 | head -1)" "$meta"
prop command "loadtest/run.sh $selection${extra[*]:+ -- ${extra[*]}}" "$meta"
prop simulations "${sims[*]}" "$meta"

failed=0
for name in "${sims[@]}"; do
  class="$(class_of "$name")"
  read -r -a sim_defaults <<< "$(defaults_of "$class")"
  cmd=("$ROOT/mvnw" -B -f "$LOADTEST/pom.xml" gatling:test "-Dgatling.simulationClass=dev.surge.loadtest.$class"
       "-DbaseUrl=$base_url" "${sim_defaults[@]}" "${extra[@]}")
  shown="./mvnw -B -f loadtest/pom.xml gatling:test -Dgatling.simulationClass=dev.surge.loadtest.$class -DbaseUrl=$base_url ${sim_defaults[*]} ${extra[*]}"
  [[ -n "$SCRAPE_TOKEN" ]] && shown="${shown//$SCRAPE_TOKEN/<SCRAPE_TOKEN>}"
  info="$RUN_DIR/$name.properties"
  echo
  echo "== $name ($class) =="
  before="$(loadavg)"
  t0=$(date +%s)
  set +e
  "${cmd[@]}" 2>&1 | tee "$RUN_DIR/$name.log" | grep --line-buffered -E '^(Global|[a-z].*: (true|false) \(|Flash sale|Webhooks:|Checkout:|Mixed:|Cart:|\[ERROR\] Failed)' 
  code=${PIPESTATUS[0]}
  set -e
  # Gatling writes its report under loadtest/target/gatling/ (the plugin's folder cannot be set): move it here
  report=""
  generated="$(sed -n 's#.*Reports generated, please open the following file: file://\(.*\)/index.html.*#\1#p' "$RUN_DIR/$name.log" | tail -1)"
  if [[ -n "$generated" && -d "$generated" ]]; then
    report="$(basename "$generated")"
    mv "$generated" "$RUN_DIR/reports/$report"
  fi
  prop class "$class" "$info"
  prop command "$shown" "$info"
  prop exit "$code" "$info"
  prop seconds "$(( $(date +%s) - t0 ))" "$info"
  prop loadBefore "$before" "$info"
  prop loadAfter "$(loadavg)" "$info"
  prop report "${report:+reports/$report}" "$info"
  if [[ $code -ne 0 ]]; then
    failed=1
    echo "-- $name: FAILED (exit $code)"
  else
    echo "-- $name: passed"
  fi
done

stop_server
java "$LOADTEST/scripts/RunSummary.java" "$RUN_DIR"
cp "$RUN_DIR/summary.md" "$LOADTEST/results/summary.md"
ln -sfn "$stamp" "$LOADTEST/results/latest"
echo
echo "Summary: $LOADTEST/results/summary.md  (reports: $RUN_DIR/reports/*/index.html)"
exit $failed
