#!/usr/bin/env bash
# A local Redis Cluster on this machine (no Docker): three masters and a replica of each, every
# node with a port, a directory, a pid file and a log of its own, for the suites that run the
# services on a cluster (REDIS_CLUSTER_NODES).
#   tools/redis/cluster.sh start     start every node not running, create the cluster once (slots
#                                    spread over the three masters), wait until every slot is served
#                                    and each master has its replica; prints the REDIS_CLUSTER_NODES
#                                    value on stdout. Idempotent: a second start finds it running.
#   tools/redis/cluster.sh stop      stop exactly the nodes this cluster started (pid files), and
#                                    remove its state (a stopped cluster starts afresh)
#   tools/redis/cluster.sh status    one line per node (CLUSTER NODES as the first that answers sees it);
#                                    exit 0 when the cluster state is ok
#   tools/redis/cluster.sh nodes     print the REDIS_CLUSTER_NODES value (host:port,...)
# Environment: REDIS_CLUSTER_HOME (default <repo>/.redis-cluster), REDIS_CLUSTER_PORT_BASE (7100:
# nodes on 7100..7105), REDIS_CLUSTER_NODE_TIMEOUT_MS (2000: a killed master's replica is promoted
# within a few seconds; production clusters use 15000). 127.0.0.1 only; no persistence (the timer
# rebuilds a lost partition from its changelog); hz 200 on every node (tools/redis/ensure-redis.sh).
# Installs Debian's redis-server when missing and apt-get can (root on a fresh machine).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${REDIS_CLUSTER_HOME:-$(cd "$here/../.." && pwd)/.redis-cluster}
base=${REDIS_CLUSTER_PORT_BASE:-7100}
node_timeout=${REDIS_CLUSTER_NODE_TIMEOUT_MS:-2000}
ports=()
for i in 0 1 2 3 4 5; do ports+=($((base + i))); done

say() { echo "[redis-cluster] $*" >&2; }
cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null; }

# The pid of a node this cluster started on that port, if it still runs as such (pids are reused).
own_pid() {
  local port=$1 file="$home/$1/redis.pid" pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "redis-server.*:$port" && echo "$pid"
}

nodes_value() { local IFS=,; echo "${ports[*]/#/127.0.0.1:}"; }

ensure_installed() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing Debian's redis-server"
    local apt=(apt-get -qq -o DPkg::Lock::Timeout=300)
    ("${apt[@]}" update && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends redis-server) >/dev/null
  fi
  command -v redis-server >/dev/null || { say "redis-server is not installed (apt-get install -y redis-server)"; exit 1; }
}

launch() {
  local port=$1 dir="$home/$1"
  mkdir -p "$dir"
  # The node's own cluster file (nodes.conf) lives in its directory: `stop` removes it.
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --cluster-enabled yes \
    --cluster-config-file nodes.conf --cluster-node-timeout "$node_timeout" --save "" --appendonly no \
    --hz 200 --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --daemonize yes >/dev/null
}

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 300); do
    eval "$check" && return 0
    sleep 0.1
  done
  say "$what: not after 30 s (logs in $home/<port>/redis.log)"
  return 1
}

# Every node sees the cluster as ok, with three masters each followed by a connected replica.
healthy() {
  local p
  for p in "${ports[@]}"; do
    cli "$p" cluster info | grep -q '^cluster_state:ok' || return 1
    [ "$(cli "$p" cluster nodes | grep -c 'master.* connected [0-9]')" -eq 3 ] || return 1
    [ "$(cli "$p" cluster nodes | grep -c 'slave.* connected')" -eq 3 ] || return 1
  done
}

start() {
  ensure_installed
  local p started=0
  for p in "${ports[@]}"; do
    own_pid "$p" >/dev/null && continue
    cli "$p" ping | grep -q PONG && { say "port $p answers but is not one of ours ($home): choose REDIS_CLUSTER_PORT_BASE"; exit 1; }
    launch "$p"
    started=1
  done
  for p in "${ports[@]}"; do wait_for ":$p answers" 'cli "$p" ping | grep -q PONG'; done
  if [ "$(cli "${ports[0]}" cluster info | sed -n 's/^cluster_known_nodes:\([0-9]*\).*/\1/p')" != 6 ]; then
    say "creating the cluster on :${ports[*]} (node timeout ${node_timeout} ms)"
    # shellcheck disable=SC2046
    redis-cli --cluster create $(nodes_value | tr , ' ') --cluster-replicas 1 --cluster-yes >"$home/create.log" 2>&1 ||
      { say "cluster create failed:"; tail -n 20 "$home/create.log" >&2; exit 1; }
  fi
  wait_for "every slot served, a replica per master" healthy
  [ "$started" = 1 ] && say "ready" || say "already running"
  nodes_value
}

stop() {
  local p pid
  for p in "${ports[@]}"; do
    if pid=$(own_pid "$p"); then
      say "stopping :$p (pid $pid)"
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "${home:?}/$p"
  done
  rm -f "$home/create.log"
  rmdir "$home" 2>/dev/null || true
}

status() {
  local p
  for p in "${ports[@]}"; do
    if cli "$p" ping | grep -q PONG; then
      cli "$p" cluster nodes | awk '{ print $2, $3, $9 }' | sed 's/@[0-9]*//' | sort
      cli "$p" cluster info | grep -q '^cluster_state:ok'
      return
    fi
  done
  say "no node answers on :${ports[*]}"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  nodes) nodes_value ;;
  *) echo "usage: $0 start|stop|status|nodes" >&2; exit 2 ;;
esac
