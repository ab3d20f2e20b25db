#!/usr/bin/env bash
# Request Tracker 5 from Debian's packages, a real ticketing system for the RT integration suite.
#   tools/rt/rt.sh start    install the packages when missing (root and apt-get), copy RT's SQLite
#                           database into the state directory once, install the StagePlus webhook
#                           scrip in it, write the site config, start rt-server, wait until REST2
#                           answers; prints "started" on stdout when it started a server
#   tools/rt/rt.sh stop     stop it by its pid (SIGTERM, then SIGKILL after 10 s)
#   tools/rt/rt.sh status   exit 0 when REST2 answers
#   tools/rt/rt.sh install  only install the packages (idempotent)
# Idempotent: a second start finds it running, restarting it if the webhook settings changed.
# Listens on 127.0.0.1 only; REST2 at http://127.0.0.1:$RT_PORT/REST/2.0/ (Basic root:password).
# Environment:
#   RT_HOME               state directory: database copy, site config, pid, logs (<repo>/.rt)
#   RT_PORT               rt-server's port (8088)
#   RT_WEBHOOK_URL        where the scrip posts each transaction, tenant included, e.g.
#                         http://127.0.0.1:3000/v1/webhooks/rt?tenant=tenant-a (unset: posts nothing)
#   RT_WEBHOOK_KEY        the intake write key, sent as "Authorization: Bearer <key>"
#   RT_WEBHOOK_TIMEOUT    seconds the scrip waits for intake (3)
#   RT_WAIT_SECONDS       how long start waits for REST2 (120)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
home=${RT_HOME:-$root/.rt}
port=${RT_PORT:-8088}
share=/usr/share/request-tracker5
pristine=/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb
db="$home/rtdb"
pidfile="$home/rt.pid"
log="$home/rt-server.log"
site="$home/RT_SiteConfig.pm"
base="http://127.0.0.1:$port"

say() { echo "[rt] $*" >&2; }

# shellcheck source=../lib/pid-file.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/pid-file.sh"
running_pid() { running_pid_of "$pidfile"; }

answers() {
  node -e '
    fetch(process.argv[1], { headers: { authorization: "Basic " + btoa("root:password") }, signal: AbortSignal.timeout(5000) })
      .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));' "$base/REST/2.0/queues/all"
}

install() {
  [ -x "$share/libexec/rt-server" ] && [ -f "$pristine" ] && return 0
  if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
    say "Request Tracker 5 is missing: as root, apt-get install -y --no-install-recommends request-tracker5 rt5-standalone rt5-db-sqlite"
    exit 1
  fi
  say "installing Request Tracker 5 from Debian's packages (about 30 s)"
  # The lock timeout: another installer (chromium, Redis) may hold dpkg's lock in a parallel job.
  local apt=(apt-get -o DPkg::Lock::Timeout=300 -qq)
  "${apt[@]}" update >/dev/null
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends \
    request-tracker5 rt5-standalone rt5-db-sqlite >/dev/null
}

# Our own site config and an empty RT_SiteConfig.d: nothing of /etc/request-tracker5 applies.
site_config() {
  mkdir -p "$home/RT_SiteConfig.d"
  local quote="s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"
  cat >"$site.new" <<PERL
# Written by tools/rt/rt.sh start; rewritten at each start.
Set(\$rtname, 'stageplus-rt');
Set(\$Organization, 'stageplus.test');
Set(\$Timezone, 'UTC');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$db');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $port);
Set(\$WebPath, '');
Set(\$LogDir, '$home');
Set(\$LogToFile, 'info');
Set(\$LogToFileNamed, 'rt.log');
Set(\$LogToSTDERR, 'error');
Set(\$LogToSyslog, undef);
# No mail leaves this machine: RT writes what it would send to files under /tmp.
Set(\$MailCommand, 'testfile');
Set(\$StagePlusWebhookUrl, '$(printf %s "${RT_WEBHOOK_URL:-}" | sed "$quote")');
Set(\$StagePlusWebhookKey, '$(printf %s "${RT_WEBHOOK_KEY:-}" | sed "$quote")');
Set(\$StagePlusWebhookTimeout, ${RT_WEBHOOK_TIMEOUT:-3});
1;
PERL
  if cmp -s "$site.new" "$site"; then rm "$site.new"; return 1; fi
  mv "$site.new" "$site"
}

rt_env() {
  RT_SITE_CONFIG="$site" RT_SITE_CONFIG_DIR="$home/RT_SiteConfig.d" "$@"
}

# The database copy, once; the scrip again whenever its code changed.
database() {
  if [ ! -f "$db" ]; then
    say "copying RT's database to $db"
    cp "$pristine" "$db"
  fi
  local sum
  sum=$(cat "$here/stageplus-scrip.pl" "$here/stageplus-webhook.pl" | sha256sum | cut -c1-16)
  [ "$(cat "$home/scrip.sha" 2>/dev/null)" = "$sum" ] && return 0
  say "installing the StagePlus webhook scrip"
  rt_env /usr/sbin/rt-setup-database --action insert --skip-create --datafile "$here/stageplus-scrip.pl" \
    >"$home/setup-database.log" 2>&1 || { cat "$home/setup-database.log" >&2; exit 1; }
  echo "$sum" >"$home/scrip.sha"
}

start() {
  install
  mkdir -p "$home"
  local changed=0
  site_config && changed=1
  if pid=$(running_pid); then
    if [ "$changed" = 0 ] && answers; then
      say "already running (pid $pid) on $base"
      return 0
    fi
    say "pid $pid: settings changed or no answer; restarting it"
    stop
  fi
  if answers; then
    say "something not started from $home already answers on $base"
    exit 1
  fi
  database
  say "starting on $base (log: $log)"
  # setsid: the server outlives the shell that started it, and Ctrl-C in a terminal does not reach it.
  # env, not the rt_env function: a function in the background is a subshell, and $! its pid.
  setsid nohup env RT_SITE_CONFIG="$site" RT_SITE_CONFIG_DIR="$home/RT_SiteConfig.d" \
    "$share/libexec/rt-server" --server Standalone --host 127.0.0.1 --port "$port" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local deadline=$((SECONDS + ${RT_WAIT_SECONDS:-120}))
  until answers; do
    if ! running_pid >/dev/null; then
      say "rt-server exited; last lines of $log:"
      tail -n 30 "$log" >&2 || true
      rm -f "$pidfile"
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "REST2 did not answer in time; last lines of $log:"
      tail -n 30 "$log" >&2 || true
      stop
      exit 1
    fi
    sleep 0.5
  done
  say "ready (pid $(cat "$pidfile"))"
  echo started
}

stop() { stop_pid_file "$pidfile" 10; }

status() {
  if answers; then
    say "answers on $base"
  else
    say "does not answer on $base"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  install) install ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac
