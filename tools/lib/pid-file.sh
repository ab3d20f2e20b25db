# Sourced by the scripts that run a local server from a pid file (tools/kafka/kafka.sh,
# tools/rt/rt.sh): one way to tell whether it runs and to stop it. The caller defines `say`.

# The pid in $1 if that process is alive; fails otherwise.
running_pid_of() {
  [ -f "$1" ] || return 1
  local pid
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Stops the process of pid file $1: TERM, then KILL after $2 seconds; removes the pid file.
stop_pid_file() {
  local file=$1 grace=$2 pid
  if ! pid=$(running_pid_of "$file"); then
    say "not running"
    rm -f "$file"
    return 0
  fi
  say "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((grace * 2))); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; say "stopped"; return 0; }
    sleep 0.5
  done
  say "still alive after $grace s: killing"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}
