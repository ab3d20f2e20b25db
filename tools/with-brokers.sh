#!/usr/bin/env bash
# Runs a command with the brokers the integration tests need: Redis (REDIS_URL or the local
# one, started if installed and silent), the local Kafka (tools/kafka/kafka.sh, idempotent) and,
# for the browser suite, Debian's chromium (tools/browser/ensure-chromium.sh, installed if missing).
# With KAFKA_BROKERS set, that broker is used as it is.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/redis/ensure-redis.sh" >/dev/null
bash "$here/browser/ensure-chromium.sh"
if [ -z "${KAFKA_BROKERS:-}" ]; then
  bash "$here/kafka/kafka.sh" start >/dev/null
fi
exec "$@"
