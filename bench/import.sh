#!/usr/bin/env bash
# Import benchmark: importing RULES Prometheus rules (a rule file of RULES/100 groups, alerting and
# recording rules alternating, with labels, annotations and Go templates) into a repository made by
# `aami init`, against validating the repository that results. The issue's budget: the import costs
# less than 2x the validation. Also times `aami --version` as the floor (JVM start and the jar).
#
#   bench/import.sh [RUNS]     # RULES=10000 by default; median of RUNS (default 5) of each
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
runs=${1:-5}
rules=${RULES:-10000}
work=${AAMI_BENCH_DIR:-/tmp/aami-bench}/import
"$top/aami" --version >/dev/null  # builds the jar if needed, outside the measurements
rm -rf "${work:?}" && mkdir -p "$work"

python3 - "$work/rules.yaml" "$rules" <<'PY'
import sys
path, total = sys.argv[1], int(sys.argv[2])
per_group = 100
with open(path, "w") as f:
    f.write("groups:\n")
    for g in range(0, total, per_group):
        f.write(f"  - name: bench-{g // per_group:04d}.rules\n    interval: 1m\n    rules:\n")
        for i in range(g, min(g + per_group, total)):
            if i % 2 == 0:
                f.write(f"      - record: job:bench_{i}:rate5m\n"
                        f"        expr: sum by (job) (rate(bench_requests_total{{shard=\"{i}\"}}[5m]))\n")
            else:
                f.write(f"      # Alert {i}: fires when the recorded rate of shard {i - 1} is high.\n"
                        f"      - alert: BenchHighRate{i}\n"
                        f"        expr: job:bench_{i - 1}:rate5m > {i}\n"
                        f"        for: 5m\n"
                        f"        labels:\n          severity: warning\n          team: bench\n"
                        f"        annotations:\n"
                        f"          summary: 'Rate of {{{{ $labels.job }}}} is {{{{ $value | humanize }}}}'\n")
PY

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
seconds() { /usr/bin/time -o "$work/time.txt" -f '%e' "$@" >/dev/null 2>"$work/err.txt" \
  || { cat "$work/err.txt" >&2; exit 1; }; tail -1 "$work/time.txt"; }

floor=() imports=() validates=()
for _ in $(seq "$runs"); do
  rm -rf "$work/repo" && "$top/aami" init "$work/repo" >/dev/null 2>&1
  floor+=("$(seconds "$top/aami" --version)")
  imports+=("$(seconds "$top/aami" import rules --repo "$work/repo" --group all-nodes "$work/rules.yaml")")
  validates+=("$(seconds "$top/aami" validate --repo "$work/repo")")
done
f=$(printf '%s\n' "${floor[@]}" | median)
i=$(printf '%s\n' "${imports[@]}" | median)
v=$(printf '%s\n' "${validates[@]}" | median)
echo "rules: $rules in $((rules / 100)) groups; runs: $runs; $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| step | median s | all runs |"
echo "|---|---|---|"
echo "| aami --version (floor) | $f | ${floor[*]} |"
echo "| aami import rules | $i | ${imports[*]} |"
echo "| aami validate (the imported repository) | $v | ${validates[*]} |"
awk -v i="$i" -v v="$v" -v f="$f" 'BEGIN {
  printf "import / validate: %.2f (budget < 2); above the floor: %.2f\n", i / v, (i - f) / (v - f) }'
if awk -v i="$i" -v v="$v" 'BEGIN { exit !(i / v >= 2) }'; then
  echo "over budget" >&2
  exit 1
fi
