#!/usr/bin/env bash
# The browser suite drives Debian's chromium through playwright-core (no browser download).
# Installs it when missing and apt-get can (root on a fresh machine of this kind); otherwise
# says how, and the browser suite reports the missing executable.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "[browser] installing Debian's chromium for the browser suite" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
else
  echo "[browser] $CHROMIUM is missing: apt-get install -y chromium (as root) for the browser suite" >&2
fi
