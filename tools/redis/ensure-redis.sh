#!/usr/bin/env bash
# Makes sure a Redis answers at REDIS_URL (default redis://127.0.0.1:6379). If none does and
# redis-server is installed, starts one on that port and says so.
#   tools/redis/ensure-redis.sh [start]   prints "started" on stdout when it started one
#   tools/redis/ensure-redis.sh stop      stops the one it started on REDIS_URL's port (its pid file),
#                                         never a Redis it did not start
# REDIS_PERSISTENCE: "none" (default: the timer rebuilds its state from Kafka's changelog) or
# "aof" (append-only file, fsync every second: a crash loses at most the last second of writes,
# which the changelog rebuild then covers; docs/architecture.md, "What each fault costs").
# REDIS_LOCAL_HOME (default <repo>/.redis) holds the pid files and the AOF data.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${REDIS_LOCAL_HOME:-$(cd "$here/../.." && pwd)/.redis}
url=${REDIS_URL:-redis://127.0.0.1:6379}
hostport=${url#*://}
hostport=${hostport#*@}
hostport=${hostport%%/*}
host=${hostport%%:*}
port=${hostport##*:}
[ "$port" = "$host" ] && port=6379
pidfile="$home/redis-$port.pid"
persistence=${REDIS_PERSISTENCE:-none}

answers() {
  if command -v redis-cli >/dev/null; then
    redis-cli -h "$host" -p "$port" ping 2>/dev/null | grep -q PONG
  else
    (exec 3<>"/dev/tcp/$host/$port" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

# The pid in the pid file, when that process is still a redis-server on this port (a pid can be reused).
own_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "redis-server.*:$port" && echo "$pid"
}

stop() {
  local pid
  if ! pid=$(own_pid); then
    echo "[redis] none of ours runs on port $port" >&2
    rm -f "$pidfile"
    return 0
  fi
  echo "[redis] stopping pid $pid ($host:$port)" >&2
  kill -TERM "$pid" # Redis's graceful shutdown: with AOF, the last writes are flushed first
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo stopped; return 0; }
    sleep 0.1
  done
  echo "[redis] pid $pid still alive after 10 s: killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  echo stopped
}

start() {
  if answers; then
    echo "[redis] answers on $host:$port" >&2
    return 0
  fi
  if ! command -v redis-server >/dev/null; then
    echo "[redis] nothing answers on $host:$port and redis-server is not installed (apt-get install redis-server)" >&2
    return 1
  fi
  local persist
  case "$persistence" in
    none) persist=(--save "" --appendonly no) ;;
    aof) persist=(--save "" --appendonly yes --appendfsync everysec --dir "$home/data-$port"); mkdir -p "$home/data-$port" ;;
    *) echo "[redis] REDIS_PERSISTENCE must be none or aof, not '$persistence'" >&2; return 2 ;;
  esac
  mkdir -p "$home"
  echo "[redis] starting redis-server on $host:$port (persistence: $persistence, hz 200)" >&2
  # hz 200: BullMQ's delayed jobs wake on a blocking timeout that Redis checks hz times a second
  # (default 10: up to 100 ms late; docs/benchmarks.md).
  redis-server --bind "$host" --port "$port" "${persist[@]}" --hz 200 \
    --pidfile "$pidfile" --logfile "$home/redis-$port.log" --daemonize yes >/dev/null
  for _ in $(seq 1 50); do
    answers && { echo started; return 0; }
    sleep 0.1
  done
  echo "[redis] did not answer after start (log: $home/redis-$port.log)" >&2
  return 1
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
