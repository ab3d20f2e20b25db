#!/usr/bin/env bash
# The on-call bridge's Alertmanager suite runs Debian's prometheus-alertmanager (no download of
# our own). Installs it when missing and apt-get can (root on a fresh machine of this kind);
# otherwise says how, and the suite reports the missing executable. Waits for another apt-get
# (a concurrent suite's install) instead of failing on dpkg's lock.
set -euo pipefail
ALERTMANAGER=${ALERTMANAGER_PATH:-/usr/bin/prometheus-alertmanager}
[ -x "$ALERTMANAGER" ] && exit 0
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "[alertmanager] installing Debian's prometheus-alertmanager for the bridge's Alertmanager suite" >&2
  apt=(apt-get -qq -o DPkg::Lock::Timeout=300)
  ("${apt[@]}" update && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends prometheus-alertmanager) >/dev/null
  # The package enables a system service on port 9093 (Kafka's controller here); where an init
  # system runs it, stop it: the suite starts its own Alertmanager on a free port.
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus-alertmanager 2>/dev/null; then
    systemctl disable --now prometheus-alertmanager >/dev/null 2>&1 || true
  fi
else
  echo "[alertmanager] $ALERTMANAGER is missing: apt-get install -y --no-install-recommends prometheus-alertmanager (as root)" >&2
fi
