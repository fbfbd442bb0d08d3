#!/usr/bin/env bash
# Runner scale benchmark: CHECKS HTTP checks every INTERVAL seconds against one loopback target
# that answers after DELAY_MS, run two ways one after the other:
#   1. checkmetrics' CheckRunner on default settings (RunnerScale runner, its own JVM, -Xmx512m);
#   2. blackbox_exporter (Debian prometheus-blackbox-exporter) driven by Prometheus 2.42 (Debian
#      prometheus) doing the same probes (/probe?module=http_2xx&target=...), both on loopback.
# Each side gets WARMUP seconds, then is measured for DURATION seconds: probes delivered, on-time
# share, CPU seconds (from /proc) per 1,000 probes, RSS. Every process is started here on loopback
# and stopped by its PID.
#
#   mvn -B -q -pl benchmarks -am package -DskipTests && benchmarks/runner-scale.sh
#
# Environment: CHECKS (default 10000), INTERVAL (s, 10), DELAY_MS (100), DURATION (s, 90),
# WARMUP (s, 20), SIDES ("checkmetrics blackbox"), TARGET_PORT (19480), BLACKBOX_PORT (19115),
# PROMETHEUS_PORT (19090), JAVA.
set -euo pipefail

CHECKS=${CHECKS:-10000}
INTERVAL=${INTERVAL:-10}
DELAY_MS=${DELAY_MS:-100}
DURATION=${DURATION:-90}
WARMUP=${WARMUP:-20}
SIDES=${SIDES:-checkmetrics blackbox}
TARGET_PORT=${TARGET_PORT:-19480}
BLACKBOX_PORT=${BLACKBOX_PORT:-19115}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-19090}
JAVA=${JAVA:-java}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/target/benchmarks.jar"
OUT=$(mktemp -d)
PIDS=()

[ -f "$JAR" ] || { echo "$JAR is missing; build it first (see the top of this script)" >&2; exit 1; }
command -v prometheus >/dev/null || { echo "prometheus is missing (Debian package prometheus)" >&2; exit 1; }
BLACKBOX=$(command -v prometheus-blackbox-exporter || command -v blackbox_exporter || true)
[ -n "$BLACKBOX" ] || { echo "blackbox_exporter is missing (Debian package prometheus-blackbox-exporter)" >&2; exit 1; }

stop() {
  for pid in "$@"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
cleanup() {
  stop "${PIDS[@]:-}"
  rm -rf "$OUT"
}
trap cleanup EXIT

# CPU seconds (user + system) of a process so far, from /proc/PID/stat.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
# A line of /proc/PID/status in MiB, such as VmRSS or VmHWM.
status_mib() {
  awk -v key="$2:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}
await_http() {
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "nothing answers at $1" >&2
  return 1
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$CHECKS checks every ${INTERVAL}s, target answers after ${DELAY_MS} ms, ${WARMUP}s warm-up, ${DURATION}s measured per side"

"$JAVA" -cp "$JAR" io.github.checkmetrics.benchmarks.RunnerScale target "$TARGET_PORT" "$DELAY_MS" \
  > "$OUT/target.log" 2>&1 &
TARGET_PID=$!
PIDS+=("$TARGET_PID")
await_http "http://127.0.0.1:$TARGET_PORT/health"
TARGET="http://127.0.0.1:$TARGET_PORT/health"

# 1. checkmetrics
if [[ " $SIDES " == *" checkmetrics "* ]]; then
"$JAVA" -Xmx512m -cp "$JAR" io.github.checkmetrics.benchmarks.RunnerScale runner \
  "$TARGET" "$CHECKS" "$INTERVAL" "$DURATION" "$WARMUP" > "$OUT/runner.log" 2>&1 &
RUNNER_PID=$!
PIDS+=("$RUNNER_PID")
wait "$RUNNER_PID" || { cat "$OUT/runner.log" >&2; exit 1; }
grep '^side=' "$OUT/runner.log"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

[[ " $SIDES " == *" blackbox "* ]] || exit 0

# 2. blackbox_exporter + Prometheus
cat > "$OUT/blackbox.yml" <<YML
modules:
  http_2xx:
    prober: http
    timeout: $((INTERVAL / 2))s
    http:
      preferred_ip_protocol: ip4
YML
awk -v n="$CHECKS" -v t="$TARGET" 'BEGIN {
  printf "[{\"targets\": ["
  for (i = 0; i < n; i++) printf "%s\"%s?check=%d\"", (i ? "," : ""), t, i
  printf "]}]\n"
}' > "$OUT/targets.json"
cat > "$OUT/prometheus.yml" <<YML
global:
  scrape_interval: ${INTERVAL}s
  scrape_timeout: $((INTERVAL / 2))s
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    params:
      module: [http_2xx]
    file_sd_configs:
      - files: ['$OUT/targets.json']
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 127.0.0.1:$BLACKBOX_PORT
YML
"$BLACKBOX" --config.file="$OUT/blackbox.yml" --web.listen-address="127.0.0.1:$BLACKBOX_PORT" \
  > "$OUT/blackbox.log" 2>&1 &
BLACKBOX_PID=$!
PIDS+=("$BLACKBOX_PID")
await_http "http://127.0.0.1:$BLACKBOX_PORT/metrics"
prometheus --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/data" \
  --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" > "$OUT/prometheus.log" 2>&1 &
PROMETHEUS_PID=$!
PIDS+=("$PROMETHEUS_PID")
await_http "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
sleep "$WARMUP"
b0=$(cpu_seconds "$BLACKBOX_PID"); p0=$(cpu_seconds "$PROMETHEUS_PID")
sleep "$DURATION"
b1=$(cpu_seconds "$BLACKBOX_PID"); p1=$(cpu_seconds "$PROMETHEUS_PID")
query() {
  curl -sf "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/query" --data-urlencode "query=$1" \
    | sed -n 's/.*"value":\[[^,]*,"\([^"]*\)"\].*/\1/p'
}
# Every scrape of /probe is one probe; a scrape past its timeout stores up=0 and no probe_success.
scrapes=$(query "sum(count_over_time(up[${DURATION}s]))")
delivered=$(query "sum(sum_over_time(up[${DURATION}s]))")
succeeded=$(query "sum(sum_over_time(probe_success[${DURATION}s]))")
p99=$(query "max(prometheus_target_interval_length_seconds{quantile=\"0.99\"})")
brss=$(status_mib "$BLACKBOX_PID" VmRSS); prss=$(status_mib "$PROMETHEUS_PID" VmRSS)
stop "$PROMETHEUS_PID" "$BLACKBOX_PID"
awk -v c="$CHECKS" -v i="$INTERVAL" -v w="$DURATION" -v d="${delivered:-0}" -v s="${succeeded:-0}" \
    -v sc="${scrapes:-0}" -v b="$(echo "$b1 - $b0" | bc)" -v p="$(echo "$p1 - $p0" | bc)" -v p99="${p99:-NaN}" \
    -v brss="$brss" -v prss="$prss" 'BEGIN {
  printf "side=blackbox+prometheus checks=%d interval_s=%d window_s=%d expected=%d scrapes=%d delivered=%d succeeded=%d scrape_interval_p99_s=%s cpu_s=%.2f (blackbox %.2f, prometheus %.2f) cpu_s_per_1000=%.3f rss_mb=%d (blackbox %d, prometheus %d)\n",
    c, i, w, c * w / i, sc, d, s, p99, b + p, b, p, (d > 0 ? (b + p) / d * 1000 : 0), brss + prss, brss, prss
}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
