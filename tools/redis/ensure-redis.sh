#!/usr/bin/env bash
# Makes sure a Redis answers at REDIS_URL (default redis://127.0.0.1:6379). If none does and
# redis-server is installed, starts one on that port (no persistence) and says so.
# Prints "started" on stdout when it started one, so a caller can stop it later.
set -euo pipefail
url=${REDIS_URL:-redis://127.0.0.1:6379}
hostport=${url#*://}
hostport=${hostport#*@}
hostport=${hostport%%/*}
host=${hostport%%:*}
port=${hostport##*:}
[ "$port" = "$host" ] && port=6379

answers() {
  if command -v redis-cli >/dev/null; then
    redis-cli -h "$host" -p "$port" ping 2>/dev/null | grep -q PONG
  else
    (exec 3<>"/dev/tcp/$host/$port" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

if answers; then
  echo "[redis] answers on $host:$port" >&2
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  echo "[redis] nothing answers on $host:$port and redis-server is not installed (apt-get install redis-server)" >&2
  exit 1
fi
echo "[redis] starting redis-server on $host:$port (no persistence, hz 200)" >&2
# hz 200: BullMQ's delayed jobs wake on a blocking timeout that Redis checks hz times a second
# (default 10: up to 100 ms late; docs/benchmarks.md). No persistence: the timer rebuilds from Kafka.
redis-server --bind "$host" --port "$port" --save "" --appendonly no --hz 200 --daemonize yes >/dev/null
for _ in $(seq 1 50); do
  answers && { echo started; exit 0; }
  sleep 0.1
done
echo "[redis] did not answer after start" >&2
exit 1
