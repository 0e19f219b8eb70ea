#!/usr/bin/env bash
# Fleet-scale benchmark of the aami CLI on 2 cores with a 512 MB heap. Prints Markdown tables;
# bench/RESULTS.md records runs.
#
#   bench/run.sh [RUNS]                       # default 5 runs per command
#   PROFILE=heavy TARGETS=50000 bench/run.sh  # the heavy fleet (bench/generate-fleet.py), 50k nodes
#   INLINE=false PROFILE=heavy bench/run.sh   # ... with publish.inline_checks: false
#   AAMI_BENCH_OUT=/dev/shm bench/run.sh      # render into a tmpfs (see bench/RESULTS.md for why)
#
# Each row: median wall time of RUNS whole processes (JVM start included), min-max, user and sys of
# the median run, the largest RSS of all runs, and the 1-minute load average before the first and
# after the last run (other work on the machine makes every figure noisy; this says how noisy).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
runs=${1:-5}
profile=${PROFILE:-light}
targets=${TARGETS:-10000}
inline=${INLINE:-true}
work=${AAMI_BENCH_DIR:-/tmp/aami-bench}/$profile-$targets-inline-$inline
fleet="$work/fleet"
out_root=${AAMI_BENCH_OUT:-$work}
out="$out_root/aami-bench-public-$profile-$targets-inline-$inline"
heap=${HEAP:--Xmx512m}

rm -rf "$fleet" "$out"
mkdir -p "$work" "$out_root"
python3 "$here/generate-fleet.py" "$fleet" --profile "$profile" --targets "$targets"
if [ "$inline" = false ]; then
  printf 'publish:\n  inline_checks: false\n' >"$fleet/aami.yaml"
fi
"$top/aami" --version >/dev/null  # builds the jar if needed, outside the measurements

load() { cut -d' ' -f1 /proc/loadavg; }

# Runs "$@" $runs times pinned to two cores with the launcher's flags for the command plus the heap
# cap; prints median wall, min-max, user, sys, max RSS and the load average.
measure() {
  local label=$1; shift
  local samples=() load_before
  load_before=$(load)
  for _ in $(seq "$runs"); do
    [ -n "${before:-}" ] && eval "$before"
    AAMI_JAVA_HEAP="$heap" /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' \
      taskset -c 0,1 "$here/with-heap.sh" "$@" >/dev/null 2>"$work/stderr.txt" || {
      echo "bench: failed: $*" >&2; tail -3 "$work/stderr.txt" >&2; exit 1; }
    samples+=("$(tail -1 "$work/time.txt")")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" -v n="$runs" -v l0="$load_before" -v l1="$(load)" '
    { wall[NR]=$1; user[NR]=$2; sys[NR]=$3; if ($4 > rss) rss=$4 }
    END { m=int((n+1)/2); printf "| %s | %.2f | %.2f–%.2f | %.2f | %.2f | %d | %s–%s |\n",
          label, wall[m], wall[1], wall[n], user[m], sys[m], rss/1024, l0, l1 }'
}

echo "profile $profile, $targets targets, inline_checks $inline, heap $heap, output on $(stat -f -c %T "$out_root"), $(date -u +%FT%TZ), commit $(git -C "$top" rev-parse --short HEAD)"
echo
echo "| command | median wall s | min–max wall s | user s | sys s | max RSS MB | load avg |"
echo "|---|---|---|---|---|---|---|"
measure "validate" "$top/aami" validate --repo "$fleet"
before="rm -rf '$out'" measure "render (empty output dir)" "$top/aami" render --repo "$fleet" --out "$out"
before="" measure "render (nothing changed)" "$top/aami" render --repo "$fleet" --out "$out"
measure "render --check" "$top/aami" render --repo "$fleet" --out "$out" --check
echo
# Bytes as the manifest lists them (the by-hostname copies are hard links of the by-id files).
jq -r '[.files[] | select(.path | startswith("api/v1/checks/")) | .size] | add // 0 | "inline checks documents (api/v1/checks): \(.) bytes"' "$out/manifest.json"
jq -r '[.files[] | select((.path | startswith("api/v2/checks/")) or (.path | startswith("api/v1/scripts/"))) | .size] | add // 0 | "compact documents + scripts (api/v2/checks, api/v1/scripts): \(.) bytes"' "$out/manifest.json"
jq -r '"whole site: \(.counts.files + 1) files, \(.counts.bytes) bytes + manifest"' "$out/manifest.json"
# A tmpfs holds the site in memory: free it unless asked to keep it.
[ -n "${AAMI_BENCH_KEEP:-}" ] || rm -rf "$out"
