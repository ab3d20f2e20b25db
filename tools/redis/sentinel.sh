#!/usr/bin/env bash
# A Redis that fails over, on this machine (no Docker): a primary, a replica and three Sentinels
# watching them (quorum 2), each with a port, a pid file and a log of its own.
#   tools/redis/sentinel.sh start          start the set and wait until the Sentinels see the primary,
#                                          the replica and each other; prints "started" on stdout
#   tools/redis/sentinel.sh stop           stop exactly the processes this set started (pid files)
#   tools/redis/sentinel.sh status         print the primary the Sentinels name now (host port)
#   tools/redis/sentinel.sh kill-primary   kill -9 the current primary (a crash, for tests); prints its port
#   tools/redis/sentinel.sh env            print the services' settings: REDIS_SENTINELS=... REDIS_SENTINEL_NAME=...
# Environment: REDIS_SENTINEL_HOME (default <repo>/.redis/sentinel), REDIS_PRIMARY_PORT (6401),
# REDIS_REPLICA_PORT (6402), REDIS_SENTINEL_PORTS (26401,26402,26403), REDIS_SENTINEL_NAME
# (sla-primary), REDIS_DOWN_AFTER_MS (1000) and REDIS_FAILOVER_TIMEOUT_MS (5000): short, for tests;
# production Sentinels use a few seconds and minutes. 127.0.0.1 only; no persistence (the timer
# rebuilds from its changelog), and a crashed primary is not restarted: restarted empty, it could
# be promoted back, or sync its emptiness to the replica.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${REDIS_SENTINEL_HOME:-$(cd "$here/../.." && pwd)/.redis/sentinel}
primary_port=${REDIS_PRIMARY_PORT:-6401}
replica_port=${REDIS_REPLICA_PORT:-6402}
IFS=, read -r -a sentinel_ports <<<"${REDIS_SENTINEL_PORTS:-26401,26402,26403}"
name=${REDIS_SENTINEL_NAME:-sla-primary}
down_after=${REDIS_DOWN_AFTER_MS:-1000}
failover_timeout=${REDIS_FAILOVER_TIMEOUT_MS:-5000}

say() { echo "[redis-sentinel] $*" >&2; }
cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null; }

# The pid of a process this set started on that port, if it still runs as such (pids are reused).
own_pid() {
  local file=$1 port=$2 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "redis-\(server\|sentinel\).*:$port" && echo "$pid"
}

pidfiles() {
  echo "$home/redis-$primary_port.pid $primary_port"
  echo "$home/redis-$replica_port.pid $replica_port"
  for p in "${sentinel_ports[@]}"; do echo "$home/sentinel-$p.pid $p"; done
}

running() {
  local file port
  while read -r file port; do own_pid "$file" "$port" >/dev/null && return 0; done < <(pidfiles)
  return 1
}

server() {
  local port=$1
  shift
  # hz 200 on both: after a failover the new primary must wake BullMQ's delayed jobs as promptly.
  redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --hz 200 --dir "$home" \
    --pidfile "$home/redis-$port.pid" --logfile "$home/redis-$port.log" --daemonize yes "$@" >/dev/null
}

sentinel() {
  local port=$1 conf="$home/sentinel-$1.conf"
  # Sentinel rewrites its file as it learns (replicas, other Sentinels, the new primary): one each.
  cat >"$conf" <<CONF
bind 127.0.0.1
port $port
dir $home
pidfile $home/sentinel-$port.pid
logfile $home/sentinel-$port.log
daemonize yes
sentinel monitor $name 127.0.0.1 $primary_port 2
sentinel down-after-milliseconds $name $down_after
sentinel failover-timeout $name $failover_timeout
sentinel parallel-syncs $name 1
CONF
  redis-server "$conf" --sentinel >/dev/null
}

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 150); do
    eval "$check" && return 0
    sleep 0.1
  done
  say "$what: not after 15 s (logs in $home)"
  return 1
}

start() {
  command -v redis-server >/dev/null || { say "redis-server is not installed (apt-get install redis-server)"; exit 1; }
  if running; then
    say "already running (primary: $(primary))"
    return 0
  fi
  mkdir -p "$home"
  rm -f "$home"/*.conf "$home"/*.pid
  say "starting primary :$primary_port, replica :$replica_port, Sentinels :${sentinel_ports[*]} (master name $name)"
  server "$primary_port"
  wait_for "primary answers" 'cli "$primary_port" ping | grep -q PONG'
  server "$replica_port" --replicaof 127.0.0.1 "$primary_port"
  wait_for "replica in sync" 'cli "$replica_port" info replication | grep -q "master_link_status:up"'
  for p in "${sentinel_ports[@]}"; do sentinel "$p"; done
  # A failover needs a majority of Sentinels that know each other, and the replica to promote.
  for p in "${sentinel_ports[@]}"; do
    wait_for "Sentinel :$p sees the replica and the other Sentinels" \
      'info=$(cli "$p" sentinel master "$name" | paste -sd " ") && [[ "$info" =~ num-slaves\ 1\  ]] && [[ "$info" =~ num-other-sentinels\ $(( ${#sentinel_ports[@]} - 1 )) ]]'
  done
  say "ready: $(env_line)"
  echo started
}

stop() {
  local file port pid
  while read -r file port; do
    if pid=$(own_pid "$file" "$port"); then
      say "stopping :$port (pid $pid)"
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
  done < <(pidfiles)
}

# host port of the primary, as the first Sentinel that answers names it.
primary() {
  local p addr
  for p in "${sentinel_ports[@]}"; do
    addr=$(cli "$p" sentinel get-master-addr-by-name "$name" | paste -sd " ") && [ -n "$addr" ] && { echo "$addr"; return 0; }
  done
  return 1
}

kill_primary() {
  local port pid
  port=$(primary | cut -d' ' -f2)
  pid=$(own_pid "$home/redis-$port.pid" "$port") || { say "the primary :$port is not one of ours"; exit 1; }
  kill -KILL "$pid"
  say "killed the primary :$port (pid $pid)"
  echo "$port"
}

env_line() {
  local list=()
  for p in "${sentinel_ports[@]}"; do list+=("127.0.0.1:$p"); done
  echo "REDIS_SENTINELS=$(IFS=,; echo "${list[*]}") REDIS_SENTINEL_NAME=$name"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) primary || { say "no Sentinel answers"; exit 1; } ;;
  kill-primary) kill_primary ;;
  env) env_line ;;
  *) echo "usage: $0 start|stop|status|kill-primary|env" >&2; exit 2 ;;
esac
