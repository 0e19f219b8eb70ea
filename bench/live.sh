#!/usr/bin/env bash
# Benchmark of `aami validate --prometheus` (issue 20): 2,000 alert queries checked against a real
# Prometheus holding 100,000 series, with the default concurrency limit of 4. Prometheus (the
# Debian package) scrapes a static exposition file that python3's http.server serves on
# loopback; both run on free ports with a temporary data directory and are stopped at the end.
# The floor is `aami validate` of the same repository without --prometheus, run in the same
# script; --verbose prints the requests sent and the most that were ever in flight.
#
#   bench/live.sh [RUNS]       # default 5 runs of each command, interleaved
#
# Budget (issue 20): the live run within 10 s, never more than 4 requests in flight.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
runs=${1:-5}
work=$(mktemp -d /tmp/aami-bench-live.XXXXXX)
export AAMI_JAVA_OPTS="-Xmx512m -XX:+UseSerialGC"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

python3 "$here/generate-live.py" "$work" 100000 2000
"$top/aami" --version >/dev/null  # builds the jar if needed, outside the measurements

exporter_port=$(free_port)
(cd "$work" && exec python3 -m http.server "$exporter_port" --bind 127.0.0.1 >/dev/null 2>&1) &
pids+=($!)
prometheus_port=$(free_port)
cat >"$work/prometheus.yml" <<YML
global: {scrape_interval: 15s, scrape_timeout: 10s}
scrape_configs:
  - job_name: bench
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:$exporter_port']
        labels: {aami_groups: ',bench,', group_id: bench, group_name: bench}
YML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
url="http://127.0.0.1:$prometheus_port"
for _ in $(seq 600); do
  n=$(curl -fsS "$url/api/v1/query" --data-urlencode 'query=count({__name__=~"bench_.*"})' 2>/dev/null \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)' 2>/dev/null || echo 0)
  [ "$n" = 100000 ] && break
  sleep 0.5
done
[ "$n" = 100000 ] || { echo "bench: Prometheus holds $n bench series, not 100000" >&2; tail "$work/prometheus.log" >&2; exit 1; }
total=$(curl -fsS "$url/api/v1/status/tsdb" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["headStats"]["numSeries"])')

time_of() {
  /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' "$@" >"$work/out.txt" 2>&1 || true
  grep -q "files checked" "$work/out.txt" || { cat "$work/out.txt" >&2; echo "bench: failed: $*" >&2; exit 1; }
  tail -1 "$work/time.txt"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
offline=()
live=()
stats=()
for _ in $(seq "$runs"); do
  offline+=("$(time_of "$top/aami" validate --repo "$work/repo")")
  live+=("$(time_of "$top/aami" validate --repo "$work/repo" --prometheus "$url" --verbose)")
  stats+=("$(grep '^aami: live checks:' "$work/out.txt")")
  if grep -q "live checks skipped" "$work/out.txt"; then grep "live checks skipped" "$work/out.txt" >&2; exit 1; fi
done
warnings=$(grep -c 'warning\[live/' "$work/out.txt" || true)

summarize() {
  local label=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v label="$label" -v n="$runs" '
    { wall[NR]=$1; user[NR]=$2; sys[NR]=$3; if ($4 > rss) rss=$4 }
    END { m=int((n+1)/2); printf "| %s | %.2f | %.2f–%.2f | %.2f | %.2f | %d |\n",
          label, wall[m], wall[1], wall[n], user[m], sys[m], rss/1024 }'
}
echo "Prometheus: $(prometheus --version 2>&1 | sed -n 1p); head series: $total; rules: 2000; runs: $runs"
echo "load average before: $load_before (nproc $(nproc))"
echo
echo "| command | median wall s | min–max wall s | user s | sys s | max RSS MB |"
echo "|---|---|---|---|---|---|"
summarize "validate (floor)" "${offline[@]}"
summarize "validate --prometheus" "${live[@]}"
printf '%s\n' "${offline[@]}" | sort -n | awk -v n="$runs" '{w[NR]=$1} END {print w[int((n+1)/2)]}' >"$work/floor"
printf '%s\n' "${live[@]}" | sort -n | awk -v n="$runs" '{w[NR]=$1} END {print w[int((n+1)/2)]}' >"$work/live"
echo
echo "live/floor (median wall): $(awk -v a="$(cat "$work/live")" -v b="$(cat "$work/floor")" 'BEGIN {printf "%.2f", a/b}')"
echo "live checks cost (median wall, live - floor): $(awk -v a="$(cat "$work/live")" -v b="$(cat "$work/floor")" 'BEGIN {printf "%.2f s", a-b}')"
printf 'per run: %s\n' "${stats[@]}"
echo "live/* warnings in the last run: $warnings"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
