#!/usr/bin/env bash
# Stops the Redis Cluster of start.sh (same REDIS_CLUSTER_PORT), each node by its own pid file.
set -uo pipefail
BASE=${REDIS_CLUSTER_PORT:-7000}
DIR=${REDIS_CLUSTER_DIR:-${TMPDIR:-/tmp}/surge-redis-cluster-$BASE}
for i in 0 1 2 3 4 5; do
  port=$((BASE + i))
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
done
exit 0
