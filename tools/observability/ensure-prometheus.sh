#!/usr/bin/env bash
# The alerting rules are checked and unit-tested with promtool, and proven against a real
# Prometheus by apps/pipeline-e2e/src/prometheus-rules.spec.ts: both come from Debian's
# `prometheus` package (no download of our own). Installs it when either is missing and apt-get
# can (root on a fresh machine of this kind); otherwise says how, and fails: CI must not pass
# without checking the rules.
set -euo pipefail
command -v promtool >/dev/null && command -v prometheus >/dev/null && exit 0
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "[prometheus] installing Debian's prometheus (promtool) for the alerting rules' checks" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus) >/dev/null
  # The package enables and starts a service on :9090 where systemd runs; these checks need only the binaries.
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
else
  echo "[prometheus] promtool or prometheus is missing: apt-get install -y prometheus (as root)" >&2
  exit 1
fi
command -v promtool >/dev/null && command -v prometheus >/dev/null
