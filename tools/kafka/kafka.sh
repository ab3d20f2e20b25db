#!/usr/bin/env bash
# A local single-node KRaft Apache Kafka broker, from Maven Central jars (no Docker needed).
#   tools/kafka/kafka.sh start    fetch the jars (cached), format storage once, start, wait until it answers;
#                                 prints "started" on stdout when it started a broker (not when one ran)
#   tools/kafka/kafka.sh stop     stop it cleanly (SIGTERM, then SIGKILL after 30 s)
#   tools/kafka/kafka.sh status   exit 0 when it answers
#   tools/kafka/kafka.sh fetch    only fetch the jars (cached)
#   tools/kafka/kafka.sh cluster start|stop|status|kill <id>|brokers
#                                 a three-node cluster beside this one, same jars (see cluster.sh)
# Idempotent: a second start finds it running. Listens on 127.0.0.1 only.
# Environment: KAFKA_LOCAL_HOME (default <repo>/.kafka), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_HEAP (-Xms256m -Xmx512m).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
home=${KAFKA_LOCAL_HOME:-$root/.kafka}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
lib="$home/lib-$version"
data="$home/data"
pidfile="$home/kafka.pid"
log="$home/kafka.log"
export KAFKA_BROKERS="127.0.0.1:$port"

say() { echo "[kafka] $*" >&2; }


# shellcheck source=../lib/pid-file.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/pid-file.sh"
running_pid() { running_pid_of "$pidfile"; }

fetch() {
  [ -f "$lib/.complete" ] && return 0
  say "fetching Apache Kafka $version and its runtime dependencies from Maven Central"
  mkdir -p "$lib"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$lib" -Dmdep.overWriteReleases=false
  touch "$lib/.complete"
}

configure() {
  mkdir -p "$data"
  sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" -e "s#@DATA_DIR@#$data#g" \
    "$here/server.properties.template" >"$home/server.properties"
  if [ ! -f "$data/meta.properties" ]; then
    local cluster
    cluster=$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    say "formatting storage (cluster $cluster)"
    java -Dlog4j2.configurationFile="$here/log4j2.yaml" -cp "$lib/*" kafka.tools.StorageTool \
      format -t "$cluster" -c "$home/server.properties" >/dev/null
  fi
}

start() {
  if pid=$(running_pid); then
    if KAFKA_WAIT_SECONDS=${KAFKA_WAIT_SECONDS:-60} node "$here/wait-ready.js"; then
      say "already running (pid $pid) on $KAFKA_BROKERS"
      return 0
    fi
    say "pid $pid does not answer; restarting it"
    stop
  fi
  if KAFKA_WAIT_SECONDS=1 node "$here/wait-ready.js"; then
    say "a broker not started from $home already answers on $KAFKA_BROKERS: using it"
    return 0
  fi
  command -v java >/dev/null || { say "java (17+) is required"; exit 1; }
  fetch
  configure
  say "starting on $KAFKA_BROKERS (log: $log)"
  # setsid: the broker outlives the shell that started it, and Ctrl-C in a terminal does not reach it.
  KAFKA_HEAP=${KAFKA_HEAP:--Xms256m -Xmx512m}
  # shellcheck disable=SC2086
  setsid nohup java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.yaml" -cp "$lib/*" kafka.Kafka "$home/server.properties" \
    >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  if KAFKA_WAIT_SECONDS=${KAFKA_WAIT_SECONDS:-120} node "$here/wait-ready.js"; then
    say "ready (pid $(cat "$pidfile"))"
    echo started
  else
    say "did not answer in time; last lines of $log:"
    tail -n 30 "$log" >&2 || true
    exit 1
  fi
}

stop() { stop_pid_file "$pidfile" 30; }

status() {
  if KAFKA_WAIT_SECONDS=1 node "$here/wait-ready.js"; then
    say "answers on $KAFKA_BROKERS"
  else
    say "does not answer on $KAFKA_BROKERS"
    return 1
  fi
}

[ "${1:-}" = cluster ] && { shift; exec bash "$here/cluster.sh" "$@"; }
mkdir -p "$home"
case "${1:-}" in
  start) start ;;
  fetch) fetch ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status|fetch|cluster ..." >&2; exit 2 ;;
esac
