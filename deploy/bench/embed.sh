#!/usr/bin/env bash
# deploy/bench/embed.sh -- measures how many requests per second one application embed serves,
# and how many Graphite requests they cost.
#
# Usage: deploy/bench/embed.sh [REQUESTS] [CONCURRENCY]     (defaults: 20000 requests, 50 at once)
#
# Starts the packaged application on its own port with an empty embedded database and the local
# Graphite, creates an application whose metrics it sends to carbon, and runs ApacheBench (ab,
# Debian package apache2-utils; no keep-alive, which ab cannot combine with chunked answers) against the embed page, one panel's SVG and the stats JSON. Prints
# requests per second and the Graphite render requests the whole run cost (from /q/metrics).
# Needs: deploy/graphite/local.sh start, a packaged app (./mvnw package -DskipTests) and ab.
# Everything it writes goes to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

REQUESTS=${1:-20000}
CONCURRENCY=${2:-50}
PORT=${OPSROOM_BENCH_PORT:-8398}
GRAPHITE=${OPSROOM_GRAPHITE_URL:-http://127.0.0.1:8085}
CARBON=${OPSROOM_BENCH_CARBON:-127.0.0.1:2003}
JAR=target/quarkus-app/quarkus-run.jar
TOKEN=bench-admin-token-0123456789abcdef
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw package -DskipTests first" >&2; exit 2; }
command -v ab > /dev/null || { echo "no ab: apt-get install apache2-utils" >&2; exit 2; }
curl -fsS "$GRAPHITE/render?target=x&format=json" > /dev/null ||
  { echo "no Graphite at $GRAPHITE: run deploy/graphite/local.sh start" >&2; exit 2; }

WORK=$(mktemp -d /tmp/opsroom-bench.XXXXXX)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/alerts"

# An hour of traffic for two instances of the application "benchshop", one point a minute.
now=$(date +%s)
{
  for ((m = 60; m >= 0; m--)); do
    t=$((now - 60 * m))
    for i in a b; do
      echo "bench.shop.$i.status.all $((600 + RANDOM % 100)) $t"
      echo "bench.shop.$i.status.5xx $((RANDOM % 5)) $t"
      echo "bench.shop.$i.status.404 $((RANDOM % 20)) $t"
      echo "bench.shop.$i.response_time.mean $((80 + RANDOM % 40)) $t"
      echo "bench.shop.$i.response_time.p95 $((200 + RANDOM % 100)) $t"
    done
  done
} | { exec 3<>"/dev/tcp/${CARBON%:*}/${CARBON#*:}"; cat >&3; exec 3>&-; }

OPSROOM_DATA_DIR="$WORK/data" OPSROOM_ALERTS_DIR="$WORK/alerts" OPSROOM_GRAPHITE_URL="$GRAPHITE" \
  OPSROOM_ADMIN_TOKEN="$TOKEN" QUARKUS_HTTP_PORT="$PORT" java -jar "$JAR" > "$WORK/app.log" 2>&1 &
PID=$!
BASE="http://127.0.0.1:$PORT"
for ((t = 0; t < 120; t++)); do
  curl -fsS "$BASE/q/health/ready" > /dev/null 2>&1 && break
  sleep 1
done
curl -fsS -X POST "$BASE/api/applications" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name": "benchshop", "title": "Bench shop", "graphitePrefix": "bench.shop", "status": "active"}' > /dev/null

graphite_requests() {
  curl -fsS "$BASE/q/metrics" | awk '/^opsroom_graphite_requests_total/ {s += $2} END {print s + 0}'
}
for path in /embed/applications/benchshop /embed/applications/benchshop/requests.svg \
  /api/applications/benchshop/stats; do
  curl -fsS "$BASE$path" > /dev/null   # the first request fills the cache
  before=$(graphite_requests)
  rps=$(ab -q -n "$REQUESTS" -c "$CONCURRENCY" "$BASE$path" | awk '/^Requests per second/ {print $4}')
  failed=$(ab -q -n 1000 -c "$CONCURRENCY" "$BASE$path" | awk '/^Failed requests/ {print $3}')
  after=$(graphite_requests)
  echo "$path: $rps requests/s ($REQUESTS requests, $CONCURRENCY at once), failed in a check run: $failed, Graphite requests during the run: $((after - before))"
done
