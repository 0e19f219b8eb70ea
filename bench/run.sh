#!/usr/bin/env bash
# Fleet-scale benchmark of the aami CLI: 10,000 targets, 500 groups, 2,000 policies, 2,000 alert
# rules, on 2 cores with a 512 MB heap. Prints a Markdown table; bench/RESULTS.md records a run.
#
#   bench/run.sh [RUNS]        # default 5 runs per command
#
# Budget: validate <= 2 s, render <= 4 s (wall clock, whole process including JVM start).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
runs=${1:-5}
work=${AAMI_BENCH_DIR:-/tmp/aami-bench}
fleet="$work/fleet"
out="$work/public"
export AAMI_JAVA_OPTS="-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

rm -rf "$fleet" "$out"
mkdir -p "$work"
python3 "$here/generate-fleet.py" "$fleet"
"$top/aami" --version >/dev/null  # builds the jar if needed, outside the measurements

# Runs "$@" $runs times pinned to two cores; prints median wall, user, sys seconds and max RSS.
measure() {
  local label=$1; shift
  local samples=()
  for _ in $(seq "$runs"); do
    [ -n "${before:-}" ] && eval "$before"
    /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' taskset -c 0,1 "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
    samples+=("$(tail -1 "$work/time.txt")")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { wall[NR]=$1; user[NR]=$2; sys[NR]=$3; if ($4 > rss) rss=$4 }
    END { m=int((n+1)/2); printf "| %s | %.2f | %.2f–%.2f | %.2f | %.2f | %d |\n",
          label, wall[m], wall[1], wall[n], user[m], sys[m], rss/1024 }'
}

echo "| command | median wall s | min–max wall s | user s | sys s | max RSS MB |"
echo "|---|---|---|---|---|---|"
measure "validate" "$top/aami" validate --repo "$fleet"
before="rm -rf '$out'" measure "render (empty output dir)" "$top/aami" render --repo "$fleet" --out "$out"
before="" measure "render (nothing changed)" "$top/aami" render --repo "$fleet" --out "$out"
measure "render --check" "$top/aami" render --repo "$fleet" --out "$out" --check
measure "resolve one target --explain" "$top/aami" resolve node-04242 --explain --repo "$fleet"
