#!/usr/bin/env bash
# A local three-node KRaft Apache Kafka cluster, beside the single node of kafka.sh (same jars),
# for replication and broker-fault tests. Each node is a combined broker + controller.
#   kafka.sh cluster start [id]   start every node that is not running (or only node <id>), then wait
#                                 until all three brokers are registered; prints "started" on stdout
#                                 when it started a node
#   kafka.sh cluster stop         stop the nodes started from this home (pid files): SIGTERM, then
#                                 SIGKILL after 30 s
#   kafka.sh cluster status       one line per node; exit 0 when all three brokers are registered
#   kafka.sh cluster kill <id>    kill -9 node <id> (a crash, for fault tests); `start <id>` brings it back
#   kafka.sh cluster brokers      print the bootstrap list (for KAFKA_BROKERS)
# Environment: KAFKA_CLUSTER_HOME (default <repo>/.kafka-cluster), KAFKA_CLUSTER_PORTS (brokers,
# default 29092,29093,29094), KAFKA_CLUSTER_CONTROLLER_PORTS (29192,29193,29194), KAFKA_CLUSTER_HEAP
# (-Xms256m -Xmx256m per node), KAFKA_LOCAL_HOME (where kafka.sh keeps the jars).
# The ports are not 19092: the Docker path of the test setup maps its broker there.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
home=${KAFKA_CLUSTER_HOME:-$root/.kafka-cluster}
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
lib="${KAFKA_LOCAL_HOME:-$root/.kafka}/lib-$version"
IFS=, read -r -a ports <<<"${KAFKA_CLUSTER_PORTS:-29092,29093,29094}"
IFS=, read -r -a controller_ports <<<"${KAFKA_CLUSTER_CONTROLLER_PORTS:-29192,29193,29194}"
ids=(1 2 3)
heap=${KAFKA_CLUSTER_HEAP:--Xms256m -Xmx256m}

say() { echo "[kafka cluster] $*" >&2; }

[ "${#ports[@]}" -eq 3 ] && [ "${#controller_ports[@]}" -eq 3 ] || {
  say "KAFKA_CLUSTER_PORTS and KAFKA_CLUSTER_CONTROLLER_PORTS each need three ports"
  exit 2
}

bootstrap() { local IFS=,; echo "${ports[*]/#/127.0.0.1:}"; }
node_dir() { echo "$home/node-$1"; }

running_pid() {
  local pidfile pid
  pidfile="$(node_dir "$1")/kafka.pid"
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

valid_id() {
  case "${1:-}" in 1 | 2 | 3) return 0 ;; *) say "node id must be 1, 2 or 3, not '${1:-}'"; exit 2 ;; esac
}

# Every node is formatted with the same cluster id, kept in the home so a node formatted later
# (its data dir deleted) still joins.
cluster_id() {
  local file="$home/cluster.id"
  if [ ! -s "$file" ]; then
    node -e "let id; do id = require('crypto').randomBytes(16).toString('base64url'); while (id.startsWith('-')); console.log(id)" >"$file"
  fi
  cat "$file"
}

configure() {
  local id=$1 dir voters="" i
  dir=$(node_dir "$id")
  mkdir -p "$dir/data"
  for i in "${ids[@]}"; do voters+="${voters:+,}$i@127.0.0.1:${controller_ports[$((i - 1))]}"; done
  sed -e "s#@NODE_ID@#$id#g" -e "s#@PORT@#${ports[$((id - 1))]}#g" \
    -e "s#@CONTROLLER_PORT@#${controller_ports[$((id - 1))]}#g" -e "s#@VOTERS@#$voters#g" \
    -e "s#@DATA_DIR@#$dir/data#g" "$here/cluster.properties.template" >"$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -Dlog4j2.configurationFile="$here/log4j2.yaml" -cp "$lib/*" kafka.tools.StorageTool \
      format -t "$(cluster_id)" -c "$dir/server.properties" >/dev/null
  fi
}

launch() {
  local id=$1 dir
  dir=$(node_dir "$id")
  say "starting node $id on 127.0.0.1:${ports[$((id - 1))]} (log: $dir/kafka.log)"
  # shellcheck disable=SC2086
  setsid nohup java $heap -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.yaml" -cp "$lib/*" kafka.Kafka "$dir/server.properties" \
    >"$dir/kafka.log" 2>&1 </dev/null &
  echo $! >"$dir/kafka.pid"
}

start() {
  local which=("${ids[@]}") id started=() pids=()
  if [ -n "${1:-}" ]; then valid_id "$1"; which=("$1"); fi
  command -v java >/dev/null || { say "java (17+) is required"; exit 1; }
  KAFKA_LOCAL_HOME="${KAFKA_LOCAL_HOME:-$root/.kafka}" bash "$here/kafka.sh" fetch
  cluster_id >/dev/null # before the parallel formats, which must all read the same id
  for id in "${which[@]}"; do
    if running_pid "$id" >/dev/null; then continue; fi
    configure "$id" &
    pids+=($!)
    started+=("$id")
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  for id in "${started[@]}"; do launch "$id"; done
  local deadline=$((SECONDS + ${KAFKA_WAIT_SECONDS:-180}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if KAFKA_BROKERS=$(bootstrap) KAFKA_WAIT_BROKERS=3 KAFKA_WAIT_SECONDS=5 node "$here/wait-ready.js"; then
      say "ready: $(bootstrap)"
      [ "${#started[@]}" -gt 0 ] && echo started
      return 0
    fi
    for id in "${which[@]}"; do
      running_pid "$id" >/dev/null || { say "node $id exited; last lines of its log:"; tail -n 30 "$(node_dir "$id")/kafka.log" >&2; exit 1; }
    done
  done
  say "the three brokers did not register in time; last lines of the logs:"
  for id in "${ids[@]}"; do tail -n 15 "$(node_dir "$id")/kafka.log" >&2 2>/dev/null || true; done
  exit 1
}

stop_node() {
  local id=$1 pid
  pid=$(running_pid "$id") || { rm -f "$(node_dir "$id")/kafka.pid"; return 0; }
  say "stopping node $id (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(node_dir "$id")/kafka.pid"; return 0; }
    sleep 0.5
  done
  say "node $id still alive after 30 s: killing"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$(node_dir "$id")/kafka.pid"
}

stop() {
  local id pids=()
  # In parallel: a controller quorum that loses its majority makes the last node's clean shutdown wait.
  for id in "${ids[@]}"; do stop_node "$id" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
  say "stopped"
}

crash() {
  valid_id "${1:-}"
  local pid
  pid=$(running_pid "$1") || { say "node $1 is not running"; exit 1; }
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$(node_dir "$1")/kafka.pid"
  say "killed node $1 (pid $pid, SIGKILL)"
}

status() {
  local id pid
  for id in "${ids[@]}"; do
    if pid=$(running_pid "$id"); then say "node $id: pid $pid, 127.0.0.1:${ports[$((id - 1))]}"; else say "node $id: not running"; fi
  done
  if KAFKA_BROKERS=$(bootstrap) KAFKA_WAIT_BROKERS=3 KAFKA_WAIT_SECONDS=1 node "$here/wait-ready.js"; then
    say "three brokers registered on $(bootstrap)"
  else
    say "not all three brokers answer on $(bootstrap)"
    return 1
  fi
}

mkdir -p "$home"
case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  kill) crash "${2:-}" ;;
  brokers) bootstrap ;;
  *) echo "usage: kafka.sh cluster start [id]|stop|status|kill <id>|brokers" >&2; exit 2 ;;
esac
