#!/usr/bin/env bash
# deploy/bench/alert-cycle.sh -- measures the alert evaluation cycle against the local Graphite.
#
# Usage: deploy/bench/alert-cycle.sh [ALERTS] [CYCLES]     (defaults: 1000 alerts, 5 cycles)
#
# Writes ALERTS alerts over the host metrics that deploy/collectd/local.sh sends (each a distinct
# target, so nothing is shared), starts the packaged application on its own port with an empty
# embedded database and a 10 s interval, waits for CYCLES cycles, and prints from /q/metrics:
# cycles run, mean and max cycle time, Graphite render requests per cycle, alerts per level.
# Needs: deploy/graphite/local.sh start, deploy/collectd/local.sh start, and a packaged app
# (./mvnw package -DskipTests). Everything it writes goes to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

ALERTS=${1:-1000}
CYCLES=${2:-5}
PORT=${OPSROOM_BENCH_PORT:-8399}
GRAPHITE=${OPSROOM_GRAPHITE_URL:-http://127.0.0.1:8085}
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw package -DskipTests first" >&2; exit 2; }
curl -fsS "$GRAPHITE/metrics/find?query=servers.*" | grep -q servers. ||
  { echo "no servers.* metrics in $GRAPHITE: start deploy/graphite/local.sh and deploy/collectd/local.sh" >&2; exit 2; }

WORK=$(mktemp -d /tmp/opsroom-bench.XXXXXX)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/alerts"
{
  echo "defaults: {window: 5min, reduce: avg, labels: {team: bench}}"
  echo "alerts:"
  for ((i = 0; i < ALERTS; i++)); do
    # offset(..., i) makes every target distinct while reading real data.
    echo "  - {id: bench-$i, name: Bench $i, target: 'offset(servers.*.load.load.shortterm,$i)', warning: 1000000, critical: 2000000}"
  done
} > "$WORK/alerts/bench.yaml"

OPSROOM_DATA_DIR="$WORK/data" OPSROOM_ALERTS_DIR="$WORK/alerts" OPSROOM_ALERTS_INTERVAL=10s \
  OPSROOM_GRAPHITE_URL="$GRAPHITE" OPSROOM_ADMIN_PASSWORD=bench-password-123 \
  QUARKUS_HTTP_PORT="$PORT" java -jar "$JAR" > "$WORK/app.log" 2>&1 &
PID=$!

metric() { curl -fsS "http://127.0.0.1:$PORT/q/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
for ((t = 0; t < 300; t++)); do
  count=$(metric opsroom_alert_cycle_seconds_count 2>/dev/null || true)
  [ -n "$count" ] && [ "${count%.*}" -ge "$CYCLES" ] && break
  sleep 2
done
count=$(metric opsroom_alert_cycle_seconds_count)
sum=$(metric opsroom_alert_cycle_seconds_sum)
max=$(metric opsroom_alert_cycle_seconds_max)
requests=$(curl -fsS "http://127.0.0.1:$PORT/q/metrics" | awk '/^opsroom_graphite_requests_total/ {s += $2} END {print s}')
echo "alerts: $ALERTS"
echo "cycles: ${count%.*}"
awk -v s="$sum" -v c="$count" -v m="$max" 'BEGIN {printf "cycle time: mean %.0f ms, max %.0f ms\n", 1000 * s / c, 1000 * m}'
awk -v r="$requests" -v c="$count" 'BEGIN {printf "graphite requests per cycle: %.1f\n", r / c}'
curl -fsS "http://127.0.0.1:$PORT/q/metrics" | grep '^opsroom_alerts{' | sed 's/^/levels: /'
