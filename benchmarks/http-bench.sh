#!/usr/bin/env bash
# HTTP benchmark: serves the same registry (1,000 checks x 3 regions) with checkmetrics'
# MetricsServer and with client_java's own HTTPServer (prometheus-metrics-exporter-httpserver,
# the same client_java version), one after the other, loads each with wrk on loopback for a bounded
# time, and prints requests/s and latency percentiles, without and with gzip.
#
#   mvn -B -q -pl benchmarks -am package -DskipTests && benchmarks/http-bench.sh
#
# Environment: DURATION (seconds per load, default 20), WARMUP (seconds, default 10),
# CONNECTIONS (default 4), CHECKS (default 1000), PORT (default 19400), JAVA (default java).
set -euo pipefail

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-4}
CHECKS=${CHECKS:-1000}
PORT=${PORT:-19400}
JAVA=${JAVA:-java}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/target/benchmarks.jar"
URL="http://127.0.0.1:$PORT/metrics"
OUT=$(mktemp -d)
SERVER_PID=

command -v wrk >/dev/null || { echo "wrk is missing (Debian package wrk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing; build it first (see the top of this script)" >&2; exit 1; }

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap 'stop_server; rm -rf "$OUT"' EXIT

# wrk output -> "req/s p50 p75 p90 p99 non2xx errors"
summarise() {
  awk '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +75%/ { p75 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx/ { non2xx = $NF }
    /Socket errors/ { errors = $0; sub(/.*Socket errors: /, "", errors); gsub(/ /, "", errors) }
    END { printf "%s %s %s %s %s %s %s\n", rps, p50, p75, p90, p99, non2xx + 0, (errors == "" ? "none" : errors) }
  ' "$1"
}

printf '%s\n' "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "wrk: 1 thread, $CONNECTIONS connections, ${WARMUP}s warm-up, ${DURATION}s per load, $URL"
RESULTS="$OUT/results"
: > "$RESULTS"

for server in checkmetrics clientjava; do
  "$JAVA" -Xms512m -Xmx512m -cp "$JAR" io.github.checkmetrics.benchmarks.HttpTarget \
    "$server" "$PORT" "$CHECKS" > "$OUT/$server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$URL" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/$server.log" >&2; exit 1; }
    sleep 0.5
  done
  size=$(curl -sf "$URL" | wc -c)
  gzsize=$(curl -sf -H 'Accept-Encoding: gzip' "$URL" | wc -c)
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s "$URL" > /dev/null
  for encoding in identity gzip; do
    header=()
    [ "$encoding" = gzip ] && header=(-H 'Accept-Encoding: gzip')
    wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "${header[@]}" "$URL" \
      > "$OUT/$server-$encoding.txt"
    body=$size
    [ "$encoding" = gzip ] && body=$gzsize
    echo "$server $encoding $body $(summarise "$OUT/$server-$encoding.txt")" >> "$RESULTS"
  done
  stop_server
done

printf '\n%-13s %-9s %11s %8s %9s %9s %9s %9s %7s %s\n' \
  server encoding body_bytes req/s p50 p75 p90 p99 non2xx socket_errors
while read -r server encoding body rps p50 p75 p90 p99 non2xx errors; do
  printf '%-13s %-9s %11s %8s %9s %9s %9s %9s %7s %s\n' \
    "$server" "$encoding" "$body" "$rps" "$p50" "$p75" "$p90" "$p99" "$non2xx" "$errors"
done < "$RESULTS"
printf '%s\n' "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
