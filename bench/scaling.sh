#!/usr/bin/env bash
# Scaling check: validates hostile-shaped repositories at size N and 2N and compares the times.
# A linear (or n log n) check roughly doubles; a quadratic one quadruples. Fails when any ratio
# exceeds MAX_RATIO (default 3), so a quadratic check cannot hide behind a fast machine.
#
# A second table compares a small and an 8× larger size of the shapes issue 17 names (80,000
# config keys against 10,000; 10,000 alert rules in one file against 1,250): linear cost gives
# about 8×, and the check fails above WIDE_MAX_RATIO (default 16). A floor (an almost empty
# repository) is measured in the same run, and the load average is printed with the figures.
#
#   bench/scaling.sh [N]       # default N=40000 (items per shape at the small size)
#   FIRST_SHAPES= LONG_SHAPES= WIDE_CASES=unset-matchers:1250:10000 bench/scaling.sh
#                              # only the named sections and cases (shape:small:large)
#
# Then single lines of 2, 4 and 8 million characters (plain, double-quoted, block scalar, comment):
# each doubling must stay under MAX_RATIO too (the floor above is their reference).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
n=${1:-40000}
max_ratio=${MAX_RATIO:-3}
work=${AAMI_BENCH_DIR:-/tmp/aami-bench}/scaling
export AAMI_JAVA_OPTS="-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
"$top/aami" --version >/dev/null  # builds the jar if needed, outside the measurements

# Best of three wall-clock seconds of one validate (its exit code is irrelevant: warnings or errors
# are expected for some shapes; a crash is not).
seconds() {
  local best=
  for _ in 1 2 3; do
    /usr/bin/time -o "$work/time.txt" -f '%e' taskset -c 0,1 "$top/aami" validate --repo "$1" \
      >/dev/null 2>"$work/err.txt" || [ $? -le 1 ] || { cat "$work/err.txt" >&2; exit 1; }
    t=$(tail -1 "$work/time.txt")
    best=$(awk -v a="${best:-$t}" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
  done
  echo "$best"
}

status=0
echo "| shape | N | s at N | s at 2N | ratio |"
echo "|---|---|---|---|---|"
for shape in ${FIRST_SHAPES-config-keys labels targets}; do
  rm -rf "${work:?}/${shape:?}"
  python3 "$here/scaling.py" "$shape" "$work/$shape/small" "$n"
  python3 "$here/scaling.py" "$shape" "$work/$shape/large" "$((2 * n))"
  small=$(seconds "$work/$shape/small")
  large=$(seconds "$work/$shape/large")
  ratio=$(awk -v s="$small" -v l="$large" 'BEGIN { printf "%.2f", l / s }')
  echo "| $shape | $n | $small | $large | $ratio |"
  if awk -v r="$ratio" -v m="$max_ratio" 'BEGIN { exit !(r > m) }'; then
    echo "scaling: $shape grows faster than linear (ratio $ratio > $max_ratio)" >&2
    status=1
  fi
done
echo
echo "load average before the wide cases: $(cut -d' ' -f1-3 /proc/loadavg)"
wide_max=${WIDE_MAX_RATIO:-16}
rm -rf "${work:?}/floor"
python3 "$here/scaling.py" floor "$work/floor" 0
floor=$(seconds "$work/floor")
echo "| shape | small | large | s small | s large | ratio | (large - floor) / (small - floor) |"
echo "|---|---|---|---|---|---|---|"
echo "| floor (empty repository) | | | $floor | | | |"
for spec in ${WIDE_CASES-config-keys:10000:80000 alert-config-keys:10000:80000 rules-per-file:1250:10000 unset-matchers:1250:10000 set-matchers:1250:10000}; do
  IFS=: read -r shape small_n large_n <<<"$spec"
  rm -rf "${work:?}/${shape:?}"
  python3 "$here/scaling.py" "$shape" "$work/$shape/small" "$small_n"
  python3 "$here/scaling.py" "$shape" "$work/$shape/large" "$large_n"
  small=$(seconds "$work/$shape/small")
  large=$(seconds "$work/$shape/large")
  lines=$(wc -l <"$work/err.txt")
  ratio=$(awk -v s="$small" -v l="$large" 'BEGIN { printf "%.2f", l / s }')
  net=$(awk -v s="$small" -v l="$large" -v f="$floor" 'BEGIN { d = s - f; printf "%.2f", (d > 0.05 ? (l - f) / d : 0) }')
  echo "| $shape | $small_n | $large_n | $small | $large | $ratio | $net |"
  echo "  ($shape at $large_n: $lines lines of output)" >&2
  if awk -v r="$ratio" -v m="$wide_max" 'BEGIN { exit !(r > m) }'; then
    echo "scaling: $shape costs more than ${wide_max}x at 8x the size (ratio $ratio)" >&2
    status=1
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| long line | 2M chars s | 4M chars s | 8M chars s | 4M/2M | 8M/4M |"
echo "|---|---|---|---|---|---|"
for shape in ${LONG_SHAPES-line-plain line-quoted line-block line-comment}; do
  times=()
  for size in 2000000 4000000 8000000; do
    rm -rf "${work:?}/${shape:?}"
    python3 "$here/scaling.py" "$shape" "$work/$shape" "$size"
    times+=("$(seconds "$work/$shape")")
  done
  r1=$(awk -v s="${times[0]}" -v l="${times[1]}" 'BEGIN { printf "%.2f", l / s }')
  r2=$(awk -v s="${times[1]}" -v l="${times[2]}" 'BEGIN { printf "%.2f", l / s }')
  echo "| $shape | ${times[0]} | ${times[1]} | ${times[2]} | $r1 | $r2 |"
  for r in "$r1" "$r2"; do
    if awk -v r="$r" -v m="$max_ratio" 'BEGIN { exit !(r > m) }'; then
      echo "scaling: $shape grows faster than linear (ratio $r > $max_ratio)" >&2
      status=1
    fi
  done
done
echo "load average after the long lines: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
