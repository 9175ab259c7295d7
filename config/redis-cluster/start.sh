#!/usr/bin/env bash
# Starts a fresh 3-master, 3-replica Redis Cluster from redis-server on local ports (no Docker):
#   config/redis-cluster/start.sh            ports 7000-7005 (masters 7000-7002 at creation)
#   REDIS_CLUSTER_PORT=7100 config/redis-cluster/start.sh    ports 7100-7105
#   config/redis-cluster/start.sh node 7001  restarts one stopped node (it rejoins, as a replica if it lost its slots)
# Prints the seed list for SURGE_REDIS_CLUSTER_NODES. Stop it with config/redis-cluster/stop.sh (same port variable).
# No persistence (a node that stops loses its data; its replica has it), fast failover (cluster-node-timeout
# 2 s) for tests; see docs/operations.md, "Running on a Redis Cluster", for production settings.
set -euo pipefail
BASE=${REDIS_CLUSTER_PORT:-7000}
DIR=${REDIS_CLUSTER_DIR:-${TMPDIR:-/tmp}/surge-redis-cluster-$BASE}
NODE_TIMEOUT=${REDIS_CLUSTER_NODE_TIMEOUT:-2000}

start_node() {
  local port=$1
  mkdir -p "$DIR/$port"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$DIR/$port" \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout "$NODE_TIMEOUT" \
    --cluster-replica-validity-factor 0 --cluster-require-full-coverage no \
    --save "" --appendonly no --logfile "$DIR/$port/redis.log" --pidfile "$DIR/$port/redis.pid"
  for _ in $(seq 1 50); do
    [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  echo "redis-server on port $port did not start; see $DIR/$port/redis.log" >&2
  exit 1
}

if [ "${1:-}" = node ]; then
  start_node "${2:?port}"
  exit 0
fi

command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
  || { echo "redis-server and redis-cli are needed (apt-get install redis-server)" >&2; exit 1; }
"$(dirname "${BASH_SOURCE[0]}")/stop.sh" >/dev/null 2>&1 || true
rm -rf "$DIR"
ports=()
for i in 0 1 2 3 4 5; do
  ports+=($((BASE + i)))
  start_node $((BASE + i))
done
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${ports[@]}") --cluster-replicas 1 --cluster-yes >"$DIR/create.log" \
  || { cat "$DIR/create.log" >&2; exit 1; }
for _ in $(seq 1 100); do
  if redis-cli -p "$BASE" cluster info | grep -q '^cluster_state:ok' \
      && [ "$(redis-cli -p "$BASE" cluster nodes | grep -c slave)" = 3 ]; then
    echo "$(printf '127.0.0.1:%s,' "${ports[@]}" | sed 's/,$//')"
    exit 0
  fi
  sleep 0.2
done
echo "the cluster on ports $BASE-$((BASE + 5)) did not reach cluster_state:ok" >&2
redis-cli -p "$BASE" cluster info >&2
exit 1
