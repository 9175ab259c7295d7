#!/usr/bin/env bash
# CPU time per request of one process under wrk load: a steadier measure than requests/s on a shared machine.
#
#   loadtest/bench/cpu-per-request.sh PID URL [METHOD] [BODY] [HEADER] [SECONDS]
#
# PID is the server's JVM (e.g. `jcmd | grep LocalSurge`, or the bare app's). Prints requests/s, the JVM's
# CPU microseconds per request (user + system, all threads), redis-server's CPU microseconds per request,
# the JVM's context switches per request, and the response statuses. wrk -t2 -c64, loadtest/bench/wrk.lua.
# Warm the JIT first (run it a few times); compare paths measured in the same session.
set -euo pipefail
PID=$1; URL=$2; METHOD=${3:-GET}; BODY=${4:-}; HEADER=${5:-}; D=${6:-8}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TICK=$(getconf CLK_TCK)
REDIS=$(pgrep -x redis-server | head -1 || true)
cpu() { [ -n "$1" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}'; }
c0=$(cpu "$PID"); r0=$(cpu "$REDIS"); s0=$(switches "$PID")
out=$(METHOD=$METHOD BODY=$BODY HEADER1=$HEADER wrk -t2 -c64 -d"${D}"s -s "$HERE/wrk.lua" "$URL" 2>&1 | awk '/^BENCH/ {print $2, $5}')
c1=$(cpu "$PID"); r1=$(cpu "$REDIS"); s1=$(switches "$PID")
awk -v rps="${out%% *}" -v d="$D" -v c=$((c1 - c0)) -v r=$((r1 - r0)) -v s=$((s1 - s0)) -v t="$TICK" -v st="${out#* }" \
  'BEGIN { n = rps * d; printf "%8.0f req/s  JVM %6.1f us/request  redis %5.1f us/request  %4.2f context switches/request  %s\n",
    rps, c / t * 1e6 / n, r / t * 1e6 / n, s / n, st }'
